#include "runtime/front/reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tern {
namespace {

std::vector<Datum> ReadAll(Reader* reader) {
  std::vector<Datum> out;
  for (;;) {
    Datum d;
    Error e;
    if (reader->Next(&d, &e) != Reader::Status::kDatum) return out;
    out.push_back(d);
  }
}

// A string's text outlives the lexer's decoding buffer, which the next
// string with escapes reuses; one without escapes is the source's own bytes.
TEST(ReaderTest, StringTextsOutliveLaterTokens) {
  const std::string src = R"(("a\nb" "c\x41" plain "p") ("\t"))";
  Reader reader(src);
  std::vector<Datum> data = ReadAll(&reader);
  ASSERT_EQ(data.size(), 2u);
  ASSERT_EQ(data[0].kids.size(), 4u);
  EXPECT_EQ(data[0].kids[0].token.text, "a\nb");
  EXPECT_EQ(data[0].kids[1].token.text, "cA");
  EXPECT_EQ(data[0].kids[2].token.text, "plain");
  EXPECT_EQ(data[0].kids[3].token.text, "p");
  EXPECT_EQ(data[0].kids[3].token.text.data(),
            src.data() + src.find("\"p\"") + 1);
  ASSERT_EQ(data[1].kids.size(), 1u);
  EXPECT_EQ(data[1].kids[0].token.text, "\t");
}

// Without Recycle every datum read stays valid, however many lists follow
// (the pool's blocks never move).
TEST(ReaderTest, EarlierDataStayValid) {
  std::string src;
  for (int i = 0; i < 300; ++i) {
    src += "(f" + std::to_string(i) + " [" + std::to_string(i) + " x] {})\n";
  }
  Reader reader(src);
  std::vector<Datum> data = ReadAll(&reader);
  ASSERT_EQ(data.size(), 300u);
  for (int i = 0; i < 300; ++i) {
    const Datum& d = data[i];
    ASSERT_EQ(d.kind, Datum::Kind::kList);
    ASSERT_EQ(d.kids.size(), 3u);
    EXPECT_EQ(d.kids[0].token.text, "f" + std::to_string(i));
    ASSERT_EQ(d.kids[1].kind, Datum::Kind::kVec);
    ASSERT_EQ(d.kids[1].kids.size(), 2u);
    EXPECT_EQ(d.kids[1].kids[0].token.int_value, i);
    EXPECT_EQ(d.kids[2].kind, Datum::Kind::kMap);
    EXPECT_TRUE(d.kids[2].kids.empty());
  }
}

// Recycling between forms reuses the storage and reads the same data.
TEST(ReaderTest, RecycleReusesStorage) {
  std::string src;
  for (int i = 0; i < 200; ++i) {
    src += "(a (b " + std::to_string(i) + " (c \"s\\n\" d)) e f g h)\n";
  }
  Reader reader(src);
  for (int i = 0; i < 200; ++i) {
    Datum d;
    Error e;
    ASSERT_EQ(reader.Next(&d, &e), Reader::Status::kDatum);
    ASSERT_EQ(d.kids.size(), 6u);
    EXPECT_EQ(d.kids[5].token.text, "h");
    const Datum& b = d.kids[1];
    ASSERT_EQ(b.kids.size(), 3u);
    EXPECT_EQ(b.kids[1].token.int_value, i);
    ASSERT_EQ(b.kids[2].kids.size(), 3u);
    EXPECT_EQ(b.kids[2].kids[1].token.text, "s\n");
    EXPECT_EQ(b.kids[2].kids[2].token.text, "d");
    reader.Recycle();
  }
  Datum d;
  Error e;
  EXPECT_EQ(reader.Next(&d, &e), Reader::Status::kEnd);
}

}  // namespace
}  // namespace tern
