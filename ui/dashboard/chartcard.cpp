#include "chartcard.h"

#include "charts/chartexport.h"

#include <QLabel>
#include <QVBoxLayout>

namespace segmenta::ui {

ChartCard::ChartCard(QWidget *chart, QWidget *parent) : QFrame(parent), m_title(new QLabel(this)), m_chart(chart)
{
    setFrameShape(QFrame::StyledPanel);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->addWidget(m_title);
    layout->addWidget(chart, 1);
    chartexport::installContextMenu(chart, QStringLiteral("chart"), [this] { return caption(); });
}

chartexport::Caption ChartCard::caption() const
{
    chartexport::Caption caption = m_captionSource ? m_captionSource() : chartexport::Caption{};
    caption.title = m_title->text();
    return caption;
}

void ChartCard::setCaptionSource(std::function<chartexport::Caption()> source)
{
    m_captionSource = std::move(source);
}

void ChartCard::setTitle(const QString &title)
{
    m_title->setText(title);
    m_chart->setWindowTitle(title);
    // Re-install so the suggested file name follows the (translated) title.
    const auto actions = m_chart->actions();
    for (QAction *action : actions) {
        m_chart->removeAction(action);
        action->deleteLater();
    }
    QString fileName = title;
    fileName.replace(u'/', u'-');
    chartexport::installContextMenu(m_chart, fileName, [this] { return caption(); });
}

} // namespace segmenta::ui
