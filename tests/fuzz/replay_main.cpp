// For builds without libFuzzer: runs a fuzz target once over every file of the folders (or
// files) named on the command line, so the seed corpora and the inputs of fixed findings are
// checked in every test run.
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

int main(int argc, char **argv) {
  LLVMFuzzerInitialize(&argc, &argv);
  int inputs = 0;
  for (int i = 1; i < argc; ++i) {
    const QFileInfo info(QString::fromLocal8Bit(argv[i]));
    if (!info.exists()) {
      std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
      return 2;
    }
    QStringList files;
    if (info.isDir())
      for (const QString &name : QDir(info.filePath()).entryList(QDir::Files, QDir::Name))
        files << QDir(info.filePath()).filePath(name);
    else
      files << info.filePath();
    for (const QString &path : files) {
      QFile file(path);
      if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "%s: cannot open\n", qPrintable(path));
        return 2;
      }
      const QByteArray data = file.readAll();
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(data.constData()), static_cast<std::size_t>(data.size()));
      ++inputs;
    }
  }
  std::printf("replayed %d inputs\n", inputs);
  return inputs > 0 ? 0 : 2;
}
