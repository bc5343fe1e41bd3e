#include "settings/appsettings.h"

#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace segmenta::ui {

namespace {

const QString kLanguageKey = QStringLiteral("ui/language");
const QString kRecentKey = QStringLiteral("workspaces/recent");
const QString kTourKey = QStringLiteral("tour/demoShown");

} // namespace

AppSettings &AppSettings::instance()
{
    static AppSettings settings;
    return settings;
}

QString AppSettings::language() const
{
    const QString stored = QSettings().value(kLanguageKey).toString();
    return stored == u"en" || stored == u"zh_CN" ? stored : QString();
}

void AppSettings::setLanguage(const QString &language)
{
    if (language == this->language())
        return;
    QSettings().setValue(kLanguageKey, language);
    Q_EMIT languageChanged(language);
}

QStringList AppSettings::recentWorkspaces() const
{
    QStringList paths = QSettings().value(kRecentKey).toStringList();
    paths.removeAll(QString());
    return paths.mid(0, kMaxRecent);
}

void AppSettings::addRecentWorkspace(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = recentWorkspaces();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    setRecentWorkspaces(paths.mid(0, kMaxRecent));
}

void AppSettings::removeRecentWorkspace(const QString &path)
{
    QStringList paths = recentWorkspaces();
    paths.removeAll(path);
    setRecentWorkspaces(paths);
}

void AppSettings::clearRecentWorkspaces()
{
    setRecentWorkspaces({});
}

void AppSettings::setRecentWorkspaces(const QStringList &paths)
{
    QSettings().setValue(kRecentKey, paths);
    Q_EMIT recentWorkspacesChanged();
}

bool AppSettings::tourShown() const
{
    return QSettings().value(kTourKey, false).toBool();
}

void AppSettings::setTourShown(bool shown)
{
    QSettings().setValue(kTourKey, shown);
}

QByteArray AppSettings::windowGeometry() const
{
    return QSettings().value(QStringLiteral("window/geometry")).toByteArray();
}

QByteArray AppSettings::windowState() const
{
    return QSettings().value(QStringLiteral("window/state")).toByteArray();
}

void AppSettings::setWindowLayout(const QByteArray &geometry, const QByteArray &state)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), geometry);
    settings.setValue(QStringLiteral("window/state"), state);
}

int AppSettings::ruleHeightLimit() const
{
    bool ok = false;
    const int pixels = QSettings().value(QStringLiteral("window/ruleHeight")).toInt(&ok);
    return ok && pixels > 0 ? pixels : 0;
}

bool AppSettings::showStepCounts() const
{
    return QSettings().value(QStringLiteral("builder/stepCounts"), false).toBool();
}

void AppSettings::setShowStepCounts(bool show)
{
    QSettings().setValue(QStringLiteral("builder/stepCounts"), show);
}

int AppSettings::memberPreviewShown() const
{
    const QVariant shown = QSettings().value(QStringLiteral("window/memberPreview"));
    return shown.isValid() ? (shown.toBool() ? 1 : 0) : -1;
}

void AppSettings::setMemberPreviewShown(bool shown)
{
    QSettings().setValue(QStringLiteral("window/memberPreview"), shown);
}

int AppSettings::memberPreviewWidth() const
{
    return std::max(0, QSettings().value(QStringLiteral("window/memberPreviewWidth"), 0).toInt());
}

void AppSettings::setMemberPreviewWidth(int pixels)
{
    QSettings().setValue(QStringLiteral("window/memberPreviewWidth"), std::max(0, pixels));
}

void AppSettings::setRuleHeightLimit(int pixels)
{
    QSettings().setValue(QStringLiteral("window/ruleHeight"), std::max(0, pixels));
}

} // namespace segmenta::ui
