#pragma once

// Answering the modal dialogs a GUI test's click opens: exec() does not return until the dialog is answered, so
// the answer comes from a timer started before the click. Shared by the window tests.

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace modalanswers {

// Answers the next modal dialog of type T with `act`, polling from a timer started before the action that
// opens it. A dialog of another type, or none within 20 s, is rejected so that a failing test stops instead of
// hanging; `seen` says whether T came.
template<typename T>
void answerModal(const std::function<void(T *)> &act, std::shared_ptr<bool> seen)
{
    auto *timer = new QTimer;
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, act, seen, clock] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *dialog = qobject_cast<T *>(modal); dialog && dialog->isVisible()) {
            timer->stop();
            timer->deleteLater();
            *seen = true;
            act(dialog);
        } else if (clock->elapsed() > 20000) {
            timer->stop();
            timer->deleteLater();
            if (auto *other = qobject_cast<QDialog *>(modal))
                other->reject();
        }
    });
    timer->start();
}

// Types `text` as the name asked for and clicks OK.
inline std::function<void(QInputDialog *)> typeAndOk(const QString &text)
{
    return [text](QInputDialog *dialog) {
        // The multi-line form types into a plain text edit; the one-line form into a line edit.
        auto *lines = dialog->findChild<QPlainTextEdit *>();
        QWidget *edit = lines && lines->isVisible() ? static_cast<QWidget *>(lines) : dialog->findChild<QLineEdit *>();
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(edit, text);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    };
}

} // namespace modalanswers
