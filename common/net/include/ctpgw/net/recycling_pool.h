// Bounded free lists for the objects built once per push (a prepared frame, its shared_ptr
// control block, the io_context operation that hands a burst of pushes to the io thread), so
// that a push reuses the memory of one already written instead of asking malloc. Process-wide
// and locked: such an object is built on one thread (a backend callback thread or the io
// thread) and released on another (the io thread). An uncontended lock costs far less than the
// malloc/free pair it replaces. Also used by the websocketpp translation unit: C++17.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <new>
#include <vector>

namespace ctpgw::net {

/// Raw blocks of one size; keeps at most kMaxIdle of them.
template <std::size_t Size, std::size_t Align>
class BlockPool {
 public:
  static constexpr std::size_t kMaxIdle = 4096;

  /// Never destroyed: a frame may be released after static destruction began.
  static BlockPool& instance() {
    static BlockPool* const pool = new BlockPool;
    return *pool;
  }
  void* take() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        void* p = idle_.back();
        idle_.pop_back();
        return p;
      }
    }
    return ::operator new(Size, std::align_val_t(Align));
  }
  void give(void* p) noexcept {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (idle_.size() < kMaxIdle) {
        idle_.push_back(p);  // within the reserved capacity: no allocation
        return;
      }
    }
    ::operator delete(p, std::align_val_t(Align));
  }

 private:
  BlockPool() { idle_.reserve(kMaxIdle); }
  std::mutex mutex_;
  std::vector<void*> idle_;
};

/// An allocator over BlockPool for single objects (what std::shared_ptr asks for its control
/// block, and asio for a handler's operation when it is the handler's associated allocator);
/// arrays go to the heap.
template <class T>
struct PooledAllocator {
  using value_type = T;
  PooledAllocator() noexcept = default;
  template <class U>
  PooledAllocator(const PooledAllocator<U>&) noexcept {}  // NOLINT: rebinding must be implicit
  T* allocate(std::size_t n) {
    if (n != 1) return std::allocator<T>().allocate(n);
    return static_cast<T*>(BlockPool<sizeof(T), alignof(T)>::instance().take());
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n != 1) return std::allocator<T>().deallocate(p, n);
    BlockPool<sizeof(T), alignof(T)>::instance().give(p);
  }
  template <class U>
  bool operator==(const PooledAllocator<U>&) const noexcept {
    return true;
  }
  template <class U>
  bool operator!=(const PooledAllocator<U>&) const noexcept {
    return false;
  }
};

/// Idle objects of type T kept with the heap memory they own (a frame keeps its payload's
/// capacity), bounded by count and by the bytes they hold.
template <class T>
class ObjectPool {
 public:
  ObjectPool(std::size_t max_idle, std::size_t max_idle_bytes)
      : max_idle_(max_idle), max_idle_bytes_(max_idle_bytes) {
    idle_.reserve(max_idle);
  }
  /// An idle object, or a new one.
  T* take() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        const Idle last = idle_.back();
        idle_.pop_back();
        idle_bytes_ -= last.bytes;
        return last.object;
      }
    }
    return new T();
  }
  /// `bytes`: the heap memory the object holds on to.
  void give(T* object, std::size_t bytes) noexcept {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (idle_.size() < max_idle_ && idle_bytes_ + bytes <= max_idle_bytes_) {
        idle_.push_back({object, bytes});
        idle_bytes_ += bytes;
        return;
      }
    }
    delete object;
  }
  std::size_t idle() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return idle_.size();
  }

 private:
  struct Idle {
    T* object;
    std::size_t bytes;
  };
  const std::size_t max_idle_;
  const std::size_t max_idle_bytes_;
  mutable std::mutex mutex_;
  std::vector<Idle> idle_;
  std::size_t idle_bytes_ = 0;
};

}  // namespace ctpgw::net
