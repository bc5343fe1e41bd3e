#pragma once

#include "rules/rule.h"

#include <QUndoCommand>

namespace segmenta::ui {

class RuleBuilder;

// One edit of the rule in the builder, undoable: it holds the whole rule before and after (rules are small),
// so every kind of edit — a value typed, a condition moved, a template applied — undoes the same way.
// Successive edits of the same value of the same condition merge into one step (mergeKey). Owned by the
// builder's QUndoStack; GUI thread.
class RuleEditCommand : public QUndoCommand
{
public:
    enum Id { NoMerge = -1, ValueEdit = 1 };

    RuleEditCommand(RuleBuilder *builder, const QString &name, rules::Rule before, rules::Rule after,
                    bool fromText, int mergeId = NoMerge, QString mergeKey = QString());

    void undo() override;
    void redo() override;
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    RuleBuilder *m_builder;
    rules::Rule m_before;
    rules::Rule m_after;
    bool m_fromText; // made by typing in the text form: the first redo leaves the typed text alone
    bool m_first = true;
    int m_mergeId;
    QString m_mergeKey;
};

} // namespace segmenta::ui
