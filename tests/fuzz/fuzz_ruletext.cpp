// libFuzzer target for the rule text parser: any input must either parse or give an error, never crash, hang
// or trip a sanitizer; and what parses must survive the round trips the app relies on: printed back and
// parsed again, and through JSON, it gives the identical rule (a mismatch aborts, so it is a finding). The
// grammar includes purchase conditions (ordered / spent with periods and where-groups): run_fuzzers.sh seeds
// them.
#include "rules/rule.h"
#include "rules/ruletext.h"

#include <QString>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto rule = segmenta::rules::RuleText::parse(text);
    if (!rule) {
        if (rule.errorMessage().isEmpty())
            std::abort(); // every refusal says why
        return 0;
    }
    const auto again = segmenta::rules::RuleText::parse(segmenta::rules::RuleText::print(rule.value()));
    if (!again || !(again.value() == rule.value()))
        std::abort();
    const auto fromJson = segmenta::rules::ruleFromJson(segmenta::rules::toJson(rule.value()));
    if (!fromJson || !(fromJson.value() == rule.value()))
        std::abort();
    return 0;
}
