#pragma once

#include <QJsonObject>
#include <QString>

/**
 * @brief report.md from report.json (BenchRun::run()): machine and settings first, then one
 * section per scenario with each throughput next to its ceiling and their ratio, the targets
 * with MET / MISSED, and every correctness check.
 */
QString renderMarkdown(const QJsonObject &report);
