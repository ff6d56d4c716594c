#pragma once
// English plural forms for tr("%n record(s)", nullptr, n): "1 record", "3 records".
// Qt picks a plural form only through a translator, and the app ships no catalogue, so
// without this every count would read "record(s)". Installed once per application.
#include <QTranslator>

class QCoreApplication;

namespace streamscope::model {

class EnglishPlurals : public QTranslator {
public:
  using QTranslator::QTranslator;
  /// For a counted text (n >= 0) with "(s)": drops it for one, makes it "s" otherwise.
  /// Anything else is left to the source text (a null result).
  QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr, int n = -1) const override;
  bool isEmpty() const override { return false; }
};

/// Installs one EnglishPlurals, owned by `app`.
void installEnglishPlurals(QCoreApplication &app);

} // namespace streamscope::model
