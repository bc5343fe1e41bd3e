#include "ruleeditcommand.h"

#include "builder/rulebuilder.h"

namespace segmenta::ui {

RuleEditCommand::RuleEditCommand(RuleBuilder *builder, const QString &name, rules::Rule before, rules::Rule after,
                                 bool fromText, int mergeId, QString mergeKey)
    : QUndoCommand(name), m_builder(builder), m_before(std::move(before)), m_after(std::move(after)),
      m_fromText(fromText), m_mergeId(mergeId), m_mergeKey(std::move(mergeKey))
{
}

void RuleEditCommand::undo()
{
    m_builder->showRule(m_before, false);
}

void RuleEditCommand::redo()
{
    m_builder->showRule(m_after, m_first && m_fromText);
    m_first = false;
}

bool RuleEditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const RuleEditCommand *>(other);
    if (next->m_mergeKey != m_mergeKey || m_mergeKey.isEmpty())
        return false;
    m_after = next->m_after;
    return true;
}

} // namespace segmenta::ui
