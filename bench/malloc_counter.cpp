// An LD_PRELOAD module that counts a process's malloc calls (operator new included: it calls
// malloc), all threads' and the main thread's (the services run their io loop there), and keeps
// both counts in a file, /tmp/ctpgw-malloc-count.<pid> ("<all> <main>"), rewritten every 2 ms.
// td_load --malloc-counter uses it to report allocations per pipelined order in td_service:
// the measure of "no per-push allocation on the hot path". Not for sanitizer builds (which
// intercept malloc themselves).
#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace {

std::atomic<long> g_calls{0};
std::atomic<long> g_main_calls{0};
// -1 unknown, 0 no, 1 yes; initial-exec: reading it must not allocate (this is malloc).
__attribute__((tls_model("initial-exec"))) thread_local int t_main = -1;

using MallocFn = void* (*)(std::size_t);
// Set on the first call; not a function-local static, whose guard would see a recursive call
// if dlsym allocated.
MallocFn g_real_malloc = nullptr;

void keep_count() {
  char path[64];
  std::snprintf(path, sizeof path, "/tmp/ctpgw-malloc-count.%d", static_cast<int>(::getpid()));
  for (;;) {
    ::usleep(2000);
    if (std::FILE* f = std::fopen(path, "w")) {
      std::fprintf(f, "%ld %ld\n", g_calls.load(std::memory_order_relaxed),
                   g_main_calls.load(std::memory_order_relaxed));
      std::fclose(f);
    }
  }
}

// Started after the process's own initialisation; detached, it ends with the process.
__attribute__((constructor)) void start_writer() {
  std::thread(keep_count).detach();
}

}  // namespace

extern "C" void* malloc(std::size_t size) {
  if (g_real_malloc == nullptr) {
    g_real_malloc = reinterpret_cast<MallocFn>(dlsym(RTLD_NEXT, "malloc"));
  }
  g_calls.fetch_add(1, std::memory_order_relaxed);
  if (t_main < 0) t_main = ::gettid() == ::getpid() ? 1 : 0;
  if (t_main == 1) g_main_calls.fetch_add(1, std::memory_order_relaxed);
  return g_real_malloc(size);
}
