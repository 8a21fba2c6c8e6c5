#include "runtime/outcome.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace tern {
namespace {

Outcome RuntimeError(ErrorKind k, int line, int col, std::string msg) {
  Outcome o;
  o.status = Status::kRuntimeError;
  o.error = Error{k, {line, col}, std::move(msg)};
  return o;
}

TEST(OutcomeFormat, OkOutcome) {
  Outcome o;
  o.value = "[1 \"a\"]";
  o.out = "hello\nworld";
  EXPECT_EQ(FormatOutcome(o),
            "status: ok\nvalue: [1 \"a\"]\nstdout:\nhello\nworld");
}

TEST(OutcomeFormat, ErrorOutcomeQuotesMessage) {
  Outcome o = RuntimeError(ErrorKind::kUser, 3, 7, "bad\n\"x\"");
  o.out = "p\n";
  EXPECT_EQ(FormatOutcome(o),
            "status: runtime-error\nerror: user 3:7\n"
            "message: \"bad\\n\\\"x\\\"\"\nstdout:\np\n");
}

TEST(Expectation, MessageIsOptional) {
  std::string why;
  auto e = ParseExpectation("status: runtime-error\nerror: type 2:1\nstdout:\n",
                            &why);
  ASSERT_TRUE(e) << why;
  EXPECT_TRUE(e->any_message);
  EXPECT_TRUE(Matches(*e, RuntimeError(ErrorKind::kType, 2, 1, "anything")));
  EXPECT_FALSE(Matches(*e, RuntimeError(ErrorKind::kType, 2, 2, "anything")));
  EXPECT_FALSE(Matches(*e, RuntimeError(ErrorKind::kIndex, 2, 1, "anything")));
  Outcome printed = RuntimeError(ErrorKind::kType, 2, 1, "m");
  printed.out = "x";
  EXPECT_FALSE(Matches(*e, printed));
}

TEST(Expectation, MessageWhenGivenMustMatch) {
  std::string why;
  auto e = ParseExpectation(
      "status: runtime-error\nerror: assert 1:1\nmessage: \"assertion "
      "failed\"\nstdout:\n",
      &why);
  ASSERT_TRUE(e) << why;
  EXPECT_TRUE(
      Matches(*e, RuntimeError(ErrorKind::kAssert, 1, 1, "assertion failed")));
  EXPECT_FALSE(Matches(*e, RuntimeError(ErrorKind::kAssert, 1, 1, "nope")));
  std::string diff = DescribeDifference(
      *e, RuntimeError(ErrorKind::kAssert, 1, 1, "nope"), "expected", "interp");
  EXPECT_NE(diff.find("nope"), std::string::npos) << diff;
}

TEST(Expectation, FuelLine) {
  std::string why;
  auto e = ParseExpectation(
      "status: runtime-error\nerror: out-of-fuel 1:1\nfuel: 10\nstdout:\n",
      &why);
  ASSERT_TRUE(e) << why;
  EXPECT_EQ(e->fuel, 10u);
}

TEST(Expectation, RejectsMalformedFiles) {
  for (const char* bad : {
           "",                                            // nothing
           "status: ok\nstdout:\n",                       // ok needs value
           "status: ok\nvalue: 1\n",                      // no stdout line
           "status: fine\nvalue: 1\nstdout:\n",           // bad status
           "status: runtime-error\nstdout:\n",            // error missing
           "status: ok\nvalue: 1\nerror: type 1:1\nstdout:\n",
           "status: runtime-error\nerror: nope 1:1\nstdout:\n",
           "status: runtime-error\nerror: type 1\nstdout:\n",
           "status: runtime-error\nerror: type 1:1\nmessage: x\nstdout:\n",
           "status: runtime-error\nerror: type 1:1\nmessage: \"\\q\"\nstdout:\n",
           "status: ok\nvalue: 1\ncolour: red\nstdout:\n",
           "status: ok\nstatus: ok\nvalue: 1\nstdout:\n",
       }) {
    std::string why;
    EXPECT_FALSE(ParseExpectation(bad, &why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
}

TEST(ExitCode, PerStatus) {
  Outcome o;
  EXPECT_EQ(ExitCodeFor(o), 0);
  o.status = Status::kRuntimeError;
  EXPECT_EQ(ExitCodeFor(o), 1);
  o.status = Status::kStaticError;
  EXPECT_EQ(ExitCodeFor(o), 2);
  o.status = Status::kInternalFault;
  EXPECT_EQ(ExitCodeFor(o), 3);
  o.status = Status::kResourceExhausted;
  EXPECT_EQ(ExitCodeFor(o), 4);
}

TEST(Expectation, CrlfFilesAreRefusedNamingTheLine) {
  std::string why;
  EXPECT_FALSE(ParseExpectation("status: ok\r\nvalue: 1\r\nstdout:\r\n", &why));
  EXPECT_EQ(why.rfind("line 1: ends with CR LF", 0), 0u) << why;
  EXPECT_FALSE(ParseExpectation("status: ok\nvalue: 1\r\nstdout:\n", &why));
  EXPECT_EQ(why.rfind("line 2: ends with CR LF", 0), 0u) << why;
}

// Any outcome survives FormatOutcome -> ParseExpectation exactly.
RC_GTEST_PROP(OutcomeFormat, RoundTrips, ()) {
  Outcome o;
  o.status = *rc::gen::element(Status::kOk, Status::kStaticError,
                               Status::kRuntimeError, Status::kInternalFault,
                               Status::kResourceExhausted);
  o.out = *rc::gen::arbitrary<std::string>();
  if (o.status == Status::kOk) {
    o.value = *rc::gen::suchThat<std::string>([](const std::string& s) {
      // A display never holds a raw newline or carriage return.
      return s.find_first_of("\r\n") == std::string::npos;
    });
  } else if (o.status == Status::kInternalFault ||
             o.status == Status::kResourceExhausted) {
    o.fault = *rc::gen::arbitrary<std::string>();
  } else {
    Error e;
    e.kind = static_cast<ErrorKind>(*rc::gen::inRange(0, 17));
    e.pos = {*rc::gen::inRange(0, 100000), *rc::gen::inRange(0, 100000)};
    e.message = *rc::gen::arbitrary<std::string>();
    o.error = e;
  }
  std::string why;
  auto parsed = ParseExpectation(FormatOutcome(o), &why);
  RC_ASSERT(parsed.has_value());
  RC_ASSERT(!parsed->any_message);
  RC_ASSERT(parsed->outcome == o);
}

}  // namespace
}  // namespace tern
