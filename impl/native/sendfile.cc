// sendfile(2) from a file descriptor to a TCP socket, run on the libuv threadpool so the event
// loop never blocks. The socket is non-blocking (libuv owns it), so EAGAIN means "buffer full":
// wait with poll(POLLOUT) up to the timeout, then continue. The socket fd is dup()ed on the main
// thread so a socket closed by JS mid-transfer cannot make us write to a recycled descriptor.
//
// JS contract: transfer(socketFd, fileFd, position, length, timeoutMs) -> Promise<number> (bytes
// sent, always == length on success). The caller must not write to the socket until it settles.
#include <napi.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include <poll.h>
#include <sys/sendfile.h>
#include <unistd.h>

namespace {

class SendfileWorker : public Napi::AsyncWorker {
 public:
  SendfileWorker(Napi::Env env, int socket_fd, int file_fd, int64_t position, int64_t length, int timeout_ms)
      : Napi::AsyncWorker(env),
        deferred_(Napi::Promise::Deferred::New(env)),
        socket_fd_(dup(socket_fd)),
        file_fd_(file_fd),
        position_(position),
        length_(length),
        timeout_ms_(timeout_ms) {
    if (socket_fd_ < 0) dup_errno_ = errno;
  }

  ~SendfileWorker() override {
    if (socket_fd_ >= 0) close(socket_fd_);
  }

  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    if (socket_fd_ < 0) return Fail("dup", dup_errno_);
    off_t offset = static_cast<off_t>(position_);
    while (sent_ < length_) {
      const size_t chunk = static_cast<size_t>(std::min<int64_t>(length_ - sent_, 1 << 30));
      const ssize_t written = sendfile(socket_fd_, file_fd_, &offset, chunk);
      if (written > 0) {
        sent_ += written;
        calls_++;
        continue;
      }
      if (written == 0) return SetError("sendfile: file ended before the requested length");
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return Fail("sendfile", errno);
      if (!WaitWritable()) return;
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::Object result = Napi::Object::New(env);
    result.Set("bytes", Napi::Number::New(env, static_cast<double>(sent_)));
    result.Set("calls", Napi::Number::New(env, static_cast<double>(calls_)));
    deferred_.Resolve(result);
  }

  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  bool WaitWritable() {
    struct pollfd descriptor = {socket_fd_, POLLOUT, 0};
    for (;;) {
      const int ready = poll(&descriptor, 1, timeout_ms_);
      if (ready > 0) {
        if (descriptor.revents & (POLLERR | POLLHUP | POLLNVAL)) {
          SetError("sendfile: socket closed or failed while waiting to write");
          return false;
        }
        return true;
      }
      if (ready == 0) {
        SetError("sendfile: socket not writable within the timeout");
        return false;
      }
      if (errno != EINTR) {
        Fail("poll", errno);
        return false;
      }
    }
  }

  void Fail(const char* call, int error_number) {
    SetError(std::string(call) + ": " + std::strerror(error_number));
  }

  Napi::Promise::Deferred deferred_;
  int socket_fd_;
  int dup_errno_ = 0;
  int file_fd_;
  int64_t position_;
  int64_t length_;
  int timeout_ms_;
  int64_t sent_ = 0;
  int64_t calls_ = 0;
};

Napi::Value Transfer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 5) {
    Napi::TypeError::New(env, "transfer(socketFd, fileFd, position, length, timeoutMs)").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  for (size_t index = 0; index < 5; index++) {
    if (!info[index].IsNumber()) {
      Napi::TypeError::New(env, "transfer: all arguments must be numbers").ThrowAsJavaScriptException();
      return env.Undefined();
    }
  }
  const int socket_fd = info[0].As<Napi::Number>().Int32Value();
  const int file_fd = info[1].As<Napi::Number>().Int32Value();
  const int64_t position = info[2].As<Napi::Number>().Int64Value();
  const int64_t length = info[3].As<Napi::Number>().Int64Value();
  const int timeout_ms = info[4].As<Napi::Number>().Int32Value();
  if (socket_fd < 0 || file_fd < 0 || position < 0 || length < 0 || timeout_ms < 0) {
    Napi::RangeError::New(env, "transfer: negative argument").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  auto* worker = new SendfileWorker(env, socket_fd, file_fd, position, length, timeout_ms);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("transfer", Napi::Function::New(env, Transfer, "transfer"));
  return exports;
}

}  // namespace

NODE_API_MODULE(kspec_sendfile, Init)
