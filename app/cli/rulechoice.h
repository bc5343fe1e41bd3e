#pragma once

#include "command.h"
#include "rules/rule.h"

#include <optional>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::cli {

// The rule a command works on, as `count` and `export` take it: --rule TEXT, --rule-file FILE.segment.json
// or --segment NAME, exactly one of them.
struct ChosenRule
{
    rules::Rule rule;
    QString segmentName;                 // set for --segment
    rules::ConditionPositions positions; // set for --rule: where each condition starts in the text
};

// Adds the three options.
void addRuleOptions(CommandLine &line);
// The rule the options name; prints the problem, sets *exitCode and returns nullopt otherwise.
std::optional<ChosenRule> chosenRule(CommandLine &line, store::Workspace &workspace, int *exitCode);

} // namespace segmenta::cli
