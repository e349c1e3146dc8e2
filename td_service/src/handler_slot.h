// Handler memory for a handler of which at most one is queued at a time (a mailbox's drain):
// one block, reused by every post, so a burst of backend events costs the io_context no
// allocation. asio allocates a handler's operation with the handler's associated allocator.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <new>

namespace ctpgw::td {

class HandlerSlot {
 public:
  void* allocate(std::size_t bytes) {
    bool free = false;
    if (bytes <= sizeof storage_ && in_use_.compare_exchange_strong(free, true)) return storage_;
    return ::operator new(bytes);  // a second handler while one is queued, or a larger one
  }
  void deallocate(void* p) noexcept {
    if (p == storage_) {
      in_use_.store(false);
    } else {
      ::operator delete(p);
    }
  }

 private:
  alignas(std::max_align_t) unsigned char storage_[256];
  std::atomic<bool> in_use_{false};
};

/// Keeps the slot alive for as long as asio holds memory from it (the session may go first).
template <class T>
struct SlotAllocator {
  using value_type = T;
  explicit SlotAllocator(std::shared_ptr<HandlerSlot> s) noexcept : slot(std::move(s)) {}
  template <class U>
  SlotAllocator(const SlotAllocator<U>& other) noexcept : slot(other.slot) {}  // NOLINT: rebind
  T* allocate(std::size_t n) { return static_cast<T*>(slot->allocate(sizeof(T) * n)); }
  void deallocate(T* p, std::size_t) noexcept { slot->deallocate(p); }
  template <class U>
  bool operator==(const SlotAllocator<U>& other) const noexcept {
    return slot == other.slot;
  }
  std::shared_ptr<HandlerSlot> slot;
};

}  // namespace ctpgw::td
