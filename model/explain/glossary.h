#pragma once
// The glossary of Kafka and Kinesis terms (Help › Glossary), and the links from the
// inspector's explanations to it: the first mention of each term in an explanation links to
// its entry.
// Contract: the glossary is built once and read-only afterwards; any thread may read it.
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace streamscope::model {

struct GlossaryTerm {
  QString id; ///< link target: glossary:ID
  QString term; ///< as the entry's heading
  QString system; ///< "Kafka", "Kinesis" or "Both"
  QStringList mentions; ///< phrases in explanations that link here (case-insensitive, whole words)
  QString definition;
};

/// Every term, in the order the glossary lists them (alphabetical).
const QList<GlossaryTerm> &glossary();
/// The glossary as HTML with an anchor per term (its id).
QString glossaryHtml();
/// `plain` as escaped HTML with the first mention of each glossary term not yet in `linked`
/// made a link (<a href="glossary:ID">); the ids used are added to `linked`.
QString linkGlossaryTerms(const QString &plain, QSet<QString> &linked);

} // namespace streamscope::model
