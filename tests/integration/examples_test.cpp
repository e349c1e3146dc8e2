// The example clients in examples/ run against the built services, as a new user would run them.
#include <gtest/gtest.h>
#include <stdlib.h>

#include "ctpgw/testkit/service_process.h"
#include "sim_config.h"

namespace ctpgw::testkit {
namespace {

TEST(Examples, PythonQuickstartRunsEveryStep) {
  ServiceProcess md(CTPGW_MD_SERVICE, "", sim_yaml(100));
  ServiceProcess td(CTPGW_TD_SERVICE, "", sim_yaml(100));
  // Debian's interpreter, where the set-up script installs python3-websockets.
  const auto [rc, out] = ServiceProcess::run_to_exit(
      "/usr/bin/python3", {std::string(CTPGW_SOURCE_DIR) + "/examples/python/quickstart.py",
                           "--md=ws://127.0.0.1:" + std::to_string(md.port()) + "/md/",
                           "--td=ws://127.0.0.1:" + std::to_string(td.port()) + "/td/"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("quickstart: every step worked"), std::string::npos) << out;
  EXPECT_NE(out.find("filled: 1 m2705"), std::string::npos) << out;
}

TEST(Examples, JavaScriptQuickstartRunsEveryStep) {
  ServiceProcess md(CTPGW_MD_SERVICE, "", sim_yaml(100));
  ServiceProcess td(CTPGW_TD_SERVICE, "", sim_yaml(100));
  ::setenv("NODE_PATH", "/usr/share/nodejs", 1);  // Debian's node-ws, installed by the set-up
  const auto [rc, out] = ServiceProcess::run_to_exit(
      "/usr/bin/node", {std::string(CTPGW_SOURCE_DIR) + "/examples/js/quickstart.js",
                        "--md=ws://127.0.0.1:" + std::to_string(md.port()) + "/md/",
                        "--td=ws://127.0.0.1:" + std::to_string(td.port()) + "/td/"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("quickstart: every step worked"), std::string::npos) << out;
}

}  // namespace
}  // namespace ctpgw::testkit
