// SPDX-License-Identifier: GPL-3.0-or-later
// Test entry point: creates the Qt application object before GoogleTest runs, so suites can
// use Qt's event loop, resources and (for widget suites) offscreen painting.
#include <gtest/gtest.h>

#ifdef COP_TEST_WITH_WIDGETS
#include <QApplication>
using TestApplication = QApplication;
#else
#include <QCoreApplication>
using TestApplication = QCoreApplication;
#endif

#include <cstdlib>

int main(int argc, char **argv)
{
#ifdef COP_TEST_WITH_WIDGETS
    // Widget suites never need a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
#endif
    TestApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
