#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

namespace segmenta::ui {

// The user's own preferences, kept in QSettings (per user, not per workspace): every key with its default
// in one place. Settings that belong to the data (analysis date, lifecycle, tiers, RFM map) live in the
// workspace instead (metrics::AnalysisChange). GUI thread only; a bad stored value reads as the default.
class AppSettings : public QObject
{
    Q_OBJECT

public:
    static AppSettings &instance();

    // The interface language: "en", "zh_CN", or empty for the system locale. Applied at the next start.
    QString language() const;
    void setLanguage(const QString &language);

    // Workspaces opened recently, most recent first, at most kMaxRecent; missing files are kept until
    // removed so the menu can show them greyed.
    static constexpr int kMaxRecent = 8;
    QStringList recentWorkspaces() const;
    void addRecentWorkspace(const QString &path);
    void removeRecentWorkspace(const QString &path);
    void clearRecentWorkspaces();

    // Whether the first-run tour of the demo shop was shown (closed or finished).
    bool tourShown() const;
    void setTourShown(bool shown);
    // The main window's geometry, dock and toolbar state, as Qt saves them (empty until first saved).
    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindowLayout(const QByteArray &geometry, const QByteArray &state);
    // The most height the rule above the dashboard may take, in pixels, where the user last dragged the
    // split; 0 until then (the window then uses its own share).
    int ruleHeightLimit() const;
    void setRuleHeightLimit(int pixels);
    // Whether the rule builder shows the count left after each condition (off until chosen).
    bool showStepCounts() const;
    void setShowStepCounts(bool show);
    // Whether the member preview beside the rule is shown: -1 until the user chose (the window then shows it
    // when it is at least kPreviewMinWindowWidth pixels wide, so that it never squeezes the dashboard at
    // 1280x720), else 0 or 1. And its width, where the user last dragged it (0: the window's default).
    static constexpr int kPreviewMinWindowWidth = 1600;
    int memberPreviewShown() const;
    void setMemberPreviewShown(bool shown);
    int memberPreviewWidth() const;
    void setMemberPreviewWidth(int pixels);

Q_SIGNALS:
    void recentWorkspacesChanged();
    void languageChanged(const QString &language);

private:
    AppSettings() = default;
    void setRecentWorkspaces(const QStringList &paths);
};

} // namespace segmenta::ui
