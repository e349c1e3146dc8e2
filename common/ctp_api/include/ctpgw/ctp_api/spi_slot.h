// Guards a Spi pointer shared between an API object and the callbacks it delivers (simulator
// and SDK adapter alike).
//
// Release() clears the pointer under the lock, so once it returns no callback can start and none
// is still running: the guarantee CTP's Release() gives. Callbacks hold the slot, not the API,
// so a queued task outliving its API is harmless.
#pragma once

#include <memory>
#include <mutex>

namespace ctpgw::ctp {

template <class Spi>
class SpiSlot {
 public:
  void set(Spi* spi) {
    std::lock_guard lock(mutex_);
    spi_ = spi;
  }
  template <class F>
  void call(F&& f) {
    std::lock_guard lock(mutex_);
    if (spi_ != nullptr) f(*spi_);
  }

 private:
  std::mutex mutex_;
  Spi* spi_ = nullptr;
};

}  // namespace ctpgw::ctp
