#include "controller_journal.h"

#include <array>
#include <utility>

namespace streamscope::model {
namespace {

using Kind = ControllerCommand::Kind;
constexpr std::array<std::pair<Kind, const char *>, 12> kNames{{{Kind::Load, "load"},
                                                                {Kind::RunTo, "run_to"},
                                                                {Kind::Seek, "seek"},
                                                                {Kind::StepEvent, "step_event"},
                                                                {Kind::StepBack, "step_back"},
                                                                {Kind::SwitchBranch, "switch_branch"},
                                                                {Kind::ForkBranch, "fork_branch"},
                                                                {Kind::UserAction, "user_action"},
                                                                {Kind::Reset, "reset"},
                                                                {Kind::Play, "play"},
                                                                {Kind::Pause, "pause"},
                                                                {Kind::Speed, "speed"}}};

} // namespace

QString commandKindName(ControllerCommand::Kind kind) {
  for (const auto &[k, name] : kNames)
    if (k == kind)
      return QLatin1String(name);
  return {};
}

std::optional<ControllerCommand::Kind> commandKindFromName(const QString &name) {
  for (const auto &[k, text] : kNames)
    if (name == QLatin1String(text))
      return k;
  return std::nullopt;
}

bool changesTheRun(ControllerCommand::Kind kind) { return kind != Kind::Play && kind != Kind::Pause && kind != Kind::Speed; }

} // namespace streamscope::model
