#include "ctpgw/backend/backend.h"

#include <gtest/gtest.h>

namespace ctpgw::backend {
namespace {

TEST(Backend, FlowPathKeepsSafeIdsAndSanitisesTheRest) {
  core::Config c;
  c.con_file_path = "./con_file/";
  EXPECT_EQ(flow_path(c, "td", "028742"), "./con_file/td028742");
  EXPECT_EQ(flow_path(c, "td", "../../etc/passwd"), "./con_file/td______etc_passwd");
  EXPECT_EQ(flow_path(c, "md", "a b/c\\d"), "./con_file/mda_b_c_d");
}

TEST(Backend, SimFrontSelectsTheSimulatorAndOthersAreRefused) {
  core::Config c;
  c.sim.instruments = std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml";
  EXPECT_NO_THROW(make_backend(c, "sim://", Role::Md));
  EXPECT_THROW(make_backend(c, "tcp://180.168.146.187:10130", Role::Td), BackendError);
  EXPECT_THROW(make_backend(c, "", Role::Td), BackendError);
}

}  // namespace
}  // namespace ctpgw::backend
