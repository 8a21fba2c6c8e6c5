// The tree stays compact (issue 5: about 20x the source size at most): the
// node sizes are pinned, a program of many small top-level forms costs about
// one node each, and the fields that share storage keep their meaning.

#include <gtest/gtest.h>

#include <string>

#include "runtime/ast.h"
#include "runtime/front/front_end.h"
#include "runtime/front/parser.h"
#include "runtime/limits.h"

namespace tern {
namespace {

static_assert(sizeof(VarRef) == 4);
static_assert(sizeof(Expr) == 32);
static_assert(sizeof(TopForm) == 32);
static_assert(std::is_trivially_destructible_v<Expr>);

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(TreeSizeTest, OneNodePerTopLevelLiteral) {
  constexpr size_t kN = 100000;
  ParseResult r = ParseProgram(Repeat("1\n", kN));
  ASSERT_TRUE(r.program);
  ASSERT_EQ(r.program->order.size(), kN);
  // Each literal is built inside its TopForm: the arena holds nothing.
  EXPECT_EQ(r.program->arena.reserved_bytes(), 0u);
  EXPECT_EQ(r.program->order[7].expr()->kind, ExprKind::kInt);
  EXPECT_EQ(r.program->order[7].expr()->pos, (Pos{8, 1}));
}

TEST(TreeSizeTest, OneCallIsTwoNodesAndAList) {
  constexpr size_t kN = 100000;
  ParseResult r = ParseProgram(Repeat("(print 1)\n", kN));
  ASSERT_TRUE(r.program);
  // The call is inside its TopForm; its argument node and a one-element
  // list (size word, padding, pointer) are in the arena. Chunks double up
  // to 1 MiB: at most one partly used chunk of slack.
  EXPECT_LE(r.program->arena.reserved_bytes(),
            kN * (sizeof(Expr) + 16) + (1 << 20));
}

TEST(TreeSizeTest, OnlyFormsThatBindHaveFrames) {
  // A top-level let or for outside every fn gets frame slots; anything
  // else is built inline with none (a lambda's variables are its own).
  CompileResult c = Compile(
      "(let ((x 1) (y 2)) x)\n(fn () (let ((z 1)) z))\n[(for (i 0 1) i)]\n"
      "(print 1)\n(let () 1)");
  ASSERT_FALSE(c.error) << c.error->message;
  const auto& order = c.program->order;
  ASSERT_EQ(order.size(), 5u);
  EXPECT_EQ(order[0].num_slots(), 2u);
  EXPECT_EQ(order[1].num_slots(), 0u);
  EXPECT_EQ(order[1].expr()->fn->num_slots, 1u);
  EXPECT_EQ(order[2].num_slots(), 1u);
  EXPECT_EQ(order[3].num_slots(), 0u);
  EXPECT_EQ(order[4].num_slots(), 0u);
  for (const TopForm& form : order) EXPECT_FALSE(form.is_defn());
}

TEST(TreeSizeTest, NamePositionsOfSetAndFor) {
  ParseResult r = ParseProgram("(set!\n  zz 1)\n(for (  i 0 1) i)");
  ASSERT_TRUE(r.program);
  EXPECT_EQ(r.program->NamePos(*r.program->order[0].expr()), (Pos{2, 3}));
  EXPECT_EQ(r.program->NamePos(*r.program->order[1].expr()), (Pos{3, 9}));
  // The resolver reports an unbound set! target at its name.
  CompileResult c = Compile("(let ((x 1))\n  (set!\n    zz x))");
  ASSERT_TRUE(c.error);
  EXPECT_EQ(c.error->kind, ErrorKind::kUnbound);
  EXPECT_EQ(c.error->pos, (Pos{3, 5}));
}

TEST(TreeSizeTest, SharedFieldsKeepTheirMeaning) {
  CompileResult c = Compile(
      "(defn f (a) a)\n"
      "(let ((g f) (y 2)) (g y) (f y) (with-arena r (for (i 0 y) i)))");
  ASSERT_FALSE(c.error) << c.error->message;
  const Expr& let = *c.program->order[1].expr();
  ASSERT_EQ(let.kind, ExprKind::kLet);
  const Expr& indirect = *let.kids[0];
  const Expr& direct = *let.kids[1];
  EXPECT_EQ(indirect.direct_defn, -1);
  EXPECT_EQ(indirect.kids[0]->var.scope, VarScope::kLocal);
  EXPECT_EQ(indirect.kids[0]->var.index, 0u);
  EXPECT_EQ(indirect.kids[0]->name, "g");
  EXPECT_EQ(direct.direct_defn, 0);
  EXPECT_EQ(direct.kids[1]->var.index, 1u);
  const Expr& block = *let.kids[2];
  EXPECT_EQ(block.arena_id, 1u);
  EXPECT_EQ(block.name, "r");
  const Expr& loop = *block.kids[0];
  EXPECT_EQ(loop.name, "i");
  EXPECT_EQ(loop.var.scope, VarScope::kLocal);
  EXPECT_EQ(loop.var.index, 2u);
}

TEST(TreeSizeTest, OversizedSourceIsAParseError) {
  std::string big(kMaxSourceBytes + 1, ' ');
  ParseResult r = ParseProgram(big);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::kParse);
  EXPECT_NE(r.error->message.find("size limit"), std::string::npos);
}

}  // namespace
}  // namespace tern
