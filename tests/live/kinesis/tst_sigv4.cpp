// Signature Version 4 against AWS's published signing test suite (credentials AKIDEXAMPLE,
// region us-east-1, service "service", 2015-08-30 12:36:00 UTC): every vector's signature
// must match exactly, and the canonical request where the vector is about canonicalization.
#include "model/live/kinesis/sigv4.h"

#include <QtTest>

using namespace streamscope::live::kinesis;

namespace {

const QByteArray kEmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const QByteArray kDate = "x-amz-date:20150830T123600Z\n";

AwsCredentials exampleCredentials(const QString &token = {}) {
  return {QStringLiteral("AKIDEXAMPLE"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), token, QStringLiteral("test")};
}

SigV4Scope exampleScope() { return {QStringLiteral("us-east-1"), QStringLiteral("service"), QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC)}; }

HttpHeaders host(HttpHeaders more = {}) {
  more.prepend({"Host", "example.amazonaws.com"});
  return more;
}

} // namespace

class TestSigV4 : public QObject {
  Q_OBJECT
private slots:
  void suite_data();
  void suite();
  void getVanillaStringToSign();
  void signingKeyOfTheDocumentedExample();
  void authorizationHeader();
  void sessionTokenIsSignedAndSent();
};

void TestSigV4::suite_data() {
  QTest::addColumn<QByteArray>("method");
  QTest::addColumn<QByteArray>("path");
  QTest::addColumn<QByteArray>("query");
  QTest::addColumn<HttpHeaders>("headers");
  QTest::addColumn<QByteArray>("payload");
  QTest::addColumn<QString>("token");
  QTest::addColumn<QByteArray>("canonicalRequest"); // empty: only the signature is published here
  QTest::addColumn<QByteArray>("signature");

  const QByteArray hostDate = "host:example.amazonaws.com\n" + kDate + "\nhost;x-amz-date\n" + kEmptyHash;
  QTest::newRow("get-vanilla") << QByteArray("GET") << QByteArray("/") << QByteArray() << host() << QByteArray() << QString()
                               << "GET\n/\n\n" + hostDate << QByteArray("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  QTest::newRow("post-vanilla") << QByteArray("POST") << QByteArray("/") << QByteArray() << host() << QByteArray() << QString()
                                << "POST\n/\n\n" + hostDate << QByteArray("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  QTest::newRow("get-vanilla-query-order-key-case")
      << QByteArray("GET") << QByteArray("/") << QByteArray("Param2=value2&Param1=value1") << host() << QByteArray() << QString()
      << "GET\n/\nParam1=value1&Param2=value2\n" + hostDate << QByteArray("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  QTest::newRow("get-vanilla-query-order-encoded") << QByteArray("GET") << QByteArray("/")
                                                   << QByteArray("Param-3=Value3&Param=Value2&%E1%88%B4=Value1") << host() << QByteArray()
                                                   << QString() << "GET\n/\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3\n" + hostDate
                                                   << QByteArray("371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac");
  QTest::newRow("get-vanilla-empty-query-key") << QByteArray("GET") << QByteArray("/") << QByteArray("Param1=value1") << host() << QByteArray()
                                               << QString() << QByteArray()
                                               << QByteArray("a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb");
  QTest::newRow("post-vanilla-query") << QByteArray("POST") << QByteArray("/") << QByteArray("Param1=value1") << host() << QByteArray() << QString()
                                      << "POST\n/\nParam1=value1\n" + hostDate
                                      << QByteArray("28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11");
  const QByteArray unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  QTest::newRow("get-vanilla-query-unreserved") << QByteArray("GET") << QByteArray("/") << unreserved + '=' + unreserved << host() << QByteArray()
                                                << QString() << "GET\n/\n" + unreserved + '=' + unreserved + '\n' + hostDate
                                                << QByteArray("9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197");
  QTest::newRow("get-vanilla-utf8-query") << QByteArray("GET") << QByteArray("/") << QByteArray("\xe1\x88\xb4=bar") << host() << QByteArray()
                                          << QString() << "GET\n/\n%E1%88%B4=bar\n" + hostDate
                                          << QByteArray("2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04");
  QTest::newRow("get-utf8") << QByteArray("GET") << QByteArray("/\xe1\x88\xb4") << QByteArray() << host() << QByteArray() << QString()
                            << "GET\n/%E1%88%B4\n\n" + hostDate << QByteArray("8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
  QTest::newRow("get-unreserved") << QByteArray("GET") << '/' + unreserved << QByteArray() << host() << QByteArray() << QString()
                                  << "GET\n/" + unreserved + "\n\n" + hostDate
                                  << QByteArray("07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f");
  QTest::newRow("get-space-normalized") << QByteArray("GET") << QByteArray("/example space/") << QByteArray() << host() << QByteArray() << QString()
                                        << "GET\n/example%20space/\n\n" + hostDate
                                        << QByteArray("652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741");
  QTest::newRow("get-slashes-normalized") << QByteArray("GET") << QByteArray("//example//") << QByteArray() << host() << QByteArray() << QString()
                                          << "GET\n/example/\n\n" + hostDate
                                          << QByteArray("9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84");
  QTest::newRow("get-relative-relative-normalized")
      << QByteArray("GET") << QByteArray("/example1/example2/../..") << QByteArray() << host() << QByteArray() << QString() << "GET\n/\n\n" + hostDate
      << QByteArray("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  const QByteArray myHeader = "\nhost;my-header1;x-amz-date\n" + kEmptyHash;
  QTest::newRow("get-header-value-trim") << QByteArray("GET") << QByteArray("/") << QByteArray()
                                         << host({{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}}) << QByteArray() << QString()
                                         << "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n" + kDate +
          "\nhost;my-header1;my-header2;x-amz-date\n" + kEmptyHash
                                         << QByteArray("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");
  QTest::newRow("get-header-value-multiline") << QByteArray("GET") << QByteArray("/") << QByteArray()
                                              << host({{"My-Header1", "value1\n  value2\n     value3"}}) << QByteArray() << QString()
                                              << "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1 value2 value3\n" + kDate + myHeader
                                              << QByteArray("cfd34249e4b1c8d6b91ef74165d41a32e5fab3306300901bb65a51a73575eefd");
  QTest::newRow("get-header-key-duplicate") << QByteArray("GET") << QByteArray("/") << QByteArray()
                                            << host({{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}}) << QByteArray()
                                            << QString()
                                            << "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\n" + kDate + myHeader
                                            << QByteArray("c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea");
  QTest::newRow("get-header-value-order")
      << QByteArray("GET") << QByteArray("/") << QByteArray()
      << host({{"My-Header1", "value4"}, {"My-Header1", "value1"}, {"My-Header1", "value3"}, {"My-Header1", "value2"}}) << QByteArray() << QString()
      << "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\n" + kDate + myHeader
      << QByteArray("08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01");
  QTest::newRow("post-header-key-sort") << QByteArray("POST") << QByteArray("/") << QByteArray() << host({{"My-Header1", "value1"}}) << QByteArray()
                                        << QString() << "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\n" + kDate + myHeader
                                        << QByteArray("c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c");
  QTest::newRow("post-header-value-case") << QByteArray("POST") << QByteArray("/") << QByteArray() << host({{"My-Header1", "VALUE1"}}) << QByteArray()
                                          << QString() << QByteArray()
                                          << QByteArray("cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d");
  // The body signed: its SHA-256 is also sent (and signed) as x-amz-content-sha256.
  const QByteArray bodyHash = "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e";
  const QByteArray formSigned = "\ncontent-length;content-type;host;x-amz-content-sha256;x-amz-date\n" + bodyHash;
  QTest::newRow("post-x-www-form-urlencoded")
      << QByteArray("POST") << QByteArray("/") << QByteArray()
      << HttpHeaders{{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Host", "example.amazonaws.com"},
                     {"Content-Length", "13"},
                     {"x-amz-content-sha256", bodyHash}}
      << QByteArray("Param1=value1") << QString()
      << "POST\n/\n\ncontent-length:13\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-content-sha256:" +
          bodyHash + '\n' + kDate + formSigned
      << QByteArray("d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b");
  QTest::newRow("post-x-www-form-urlencoded-parameters")
      << QByteArray("POST") << QByteArray("/") << QByteArray()
      << HttpHeaders{{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                     {"Host", "example.amazonaws.com"},
                     {"Content-Length", "13"},
                     {"x-amz-content-sha256", bodyHash}}
      << QByteArray("Param1=value1") << QString() << QByteArray() << QByteArray("328d1b9eaadca9f5818ef05e8392801e091653bafec24fcab71e7344e7f51422");
  QTest::newRow("get-vanilla-with-session-token") << QByteArray("GET") << QByteArray("/") << QByteArray() << host() << QByteArray()
                                                  << QStringLiteral("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267")
                                                  << "GET\n/\n\nhost:example.amazonaws.com\n" + kDate +
          "x-amz-security-token:6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267\n\nhost;x-amz-date;x-amz-security-token\n" +
          kEmptyHash << QByteArray("07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8");
}

void TestSigV4::suite() {
  QFETCH(QByteArray, method);
  QFETCH(QByteArray, path);
  QFETCH(QByteArray, query);
  QFETCH(HttpHeaders, headers);
  QFETCH(QByteArray, payload);
  QFETCH(QString, token);
  QFETCH(QByteArray, canonicalRequest);
  QFETCH(QByteArray, signature);
  const SigV4Signature s = signV4({method, path, query, headers, payload}, exampleCredentials(token), exampleScope());
  if (!canonicalRequest.isEmpty())
    QCOMPARE(s.canonicalRequest, canonicalRequest);
  QCOMPARE(s.signature, signature);
}

void TestSigV4::getVanillaStringToSign() {
  const SigV4Signature s = signV4({"GET", "/", {}, host(), {}}, exampleCredentials(), exampleScope());
  QCOMPARE(s.stringToSign,
           QByteArray("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                      "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"));
}

void TestSigV4::signingKeyOfTheDocumentedExample() {
  // The key derivation example of AWS's SigV4 documentation (IAM, 2012-02-15).
  QCOMPARE(signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam").toHex(),
           QByteArray("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
}

void TestSigV4::authorizationHeader() {
  const SigV4Signature s = signV4({"GET", "/", {}, host(), {}}, exampleCredentials(), exampleScope());
  QCOMPARE(s.headersToAdd.size(), 2);
  QCOMPARE(s.headersToAdd[0], std::make_pair(QByteArray("X-Amz-Date"), QByteArray("20150830T123600Z")));
  QCOMPARE(s.headersToAdd[1].first, QByteArray("Authorization"));
  QCOMPARE(s.headersToAdd[1].second,
           QByteArray("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                      "SignedHeaders=host;x-amz-date, "
                      "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
}

void TestSigV4::sessionTokenIsSignedAndSent() {
  const SigV4Signature s = signV4({"GET", "/", {}, host(), {}}, exampleCredentials(QStringLiteral("TOKEN")), exampleScope());
  QVERIFY(s.headersToAdd.contains(std::make_pair(QByteArray("X-Amz-Security-Token"), QByteArray("TOKEN"))));
  QVERIFY(s.headersToAdd.back().second.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"));
  // The secret never appears in what is sent.
  for (const auto &header : s.headersToAdd)
    QVERIFY(!header.second.contains("wJalrXUtnFEMI"));
}

QTEST_APPLESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
