// The interpreter on hand-built trees: the paths no program accepted by the
// front end can reach (a broken static check or resolver), which must end in
// an internal fault, never in undefined behaviour.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/ast.h"
#include "runtime/interp/interpreter.h"
#include "runtime/interp/region.h"

namespace tern {
namespace {

class InterpreterTree : public ::testing::Test {
 protected:
  ExprPtr Node(ExprKind kind, int col, std::vector<ExprPtr> kids = {}) {
    Expr* e = p_->NewExpr(kind, Pos{1, col});
    e->kids = p_->NewList(kids);
    return e;
  }

  ExprPtr Int(int64_t v) {
    auto e = Node(ExprKind::kInt, 1);
    e->int_value = v;
    return e;
  }

  ExprPtr Local(uint32_t slot, int col) {
    auto e = Node(ExprKind::kVar, col);
    e->name = p_->NewStr("x");
    e->var = VarRef{VarScope::kLocal, slot};
    return e;
  }

  ExprPtr Builtin(tern::Builtin b, int col, std::vector<ExprPtr> kids) {
    auto e = Node(ExprKind::kBuiltin, col, std::move(kids));
    e->builtin = b;
    return e;
  }

  ExprPtr Vec1(int col) { return Builtin(Builtin::kVec, col, {Int(1)}); }

  ExprPtr Arena(int col, std::vector<ExprPtr> body) {
    auto e = Node(ExprKind::kWithArena, col, std::move(body));
    e->name = p_->NewStr("a");
    e->arena_id = 1;
    return e;
  }

  // The program of one top-level expression with `slots` frame slots.
  const Program& OneExpr(ExprPtr body, uint32_t slots) {
    TopForm form = TopForm::Expression(body);
    form.set_num_slots(slots);
    p_->order.push_back(form);
    p_->num_arenas = 1;
    return *p_;
  }

  // (let ((mut x 0)) BODY...) with x in slot 0.
  ExprPtr LetX(int col, std::vector<ExprPtr> body) {
    auto let = Node(ExprKind::kLet, col, std::move(body));
    LetBinding b;
    b.name = p_->NewStr("x");
    b.is_mut = true;
    b.init = Int(0);
    b.slot = 0;
    let->bindings = p_->NewList(std::vector<LetBinding>{b});
    return let;
  }

  ExprPtr SetX(int col, ExprPtr value) {
    auto e = Node(ExprKind::kSet, col, {value});
    e->name = p_->NewStr("x");
    e->var = VarRef{VarScope::kLocal, 0};
    return e;
  }

  // (with-arena a (set! x [1]) 0) at 1:5: leaves x referring to an object
  // of an arena that has ended (the static check would reject the set!).
  ExprPtr ArenaSettingX() { return Arena(5, {SetX(20, Vec1(28)), Int(0)}); }

  void Reset() { p_ = std::make_unique<Program>(); }

  std::unique_ptr<Program> p_ = std::make_unique<Program>();
};

TEST_F(InterpreterTree, RunsAHandBuiltTree) {
  std::vector<ExprPtr> args;
  args.push_back(Int(40));
  args.push_back(Int(2));
  Outcome o = Interpret(OneExpr(Builtin(Builtin::kAdd, 1, std::move(args)), 0),
                        RunLimits{});
  EXPECT_EQ(o.status, Status::kOk);
  EXPECT_EQ(o.value, "42");
}

TEST_F(InterpreterTree, ArenaResultEscapingIsAFault) {
  // (with-arena a [1]): rejected statically; forced through here.
  std::vector<ExprPtr> body;
  body.push_back(Vec1(13));
  Outcome o = Interpret(OneExpr(Arena(1, std::move(body)), 0), RunLimits{});
  EXPECT_EQ(o.status, Status::kInternalFault);
  EXPECT_NE(o.fault.find("with-arena `a`"), std::string::npos) << o.fault;
}

TEST_F(InterpreterTree, TouchingAnObjectOfAnEndedArenaIsAFault) {
  // (let ((mut x 0)) (with-arena a (set! x [1]) 0) (len x))
  std::vector<ExprPtr> len_args;
  len_args.push_back(Local(0, 45));
  std::vector<ExprPtr> let_body;
  let_body.push_back(ArenaSettingX());
  let_body.push_back(Builtin(Builtin::kLen, 40, std::move(len_args)));
  Outcome o = Interpret(OneExpr(LetX(1, std::move(let_body)), 1), RunLimits{});
  EXPECT_EQ(o.status, Status::kInternalFault);
  EXPECT_NE(o.fault.find("at 1:40"), std::string::npos) << o.fault;
  EXPECT_NE(o.fault.find("arena `a` (entered at 1:5)"), std::string::npos)
      << o.fault;
}

TEST_F(InterpreterTree, AnEndedArenaIsNamedWhileItsObjectIsReferenced) {
  // (let ((mut x 0)) (with-arena a (set! x [1]) 0)
  //   (with-arena b [1] 0) ... (len x)): other arenas come and go before
  // the stale reference is touched; the fault still names `a`, and the run
  // frees everything all the same.
  std::vector<ExprPtr> let_body;
  let_body.push_back(ArenaSettingX());
  for (int i = 0; i < 50; ++i) {
    std::vector<ExprPtr> other;
    other.push_back(Vec1(33));
    other.push_back(Int(0));
    auto b = Arena(31, std::move(other));
    b->name = p_->NewStr("b");
    let_body.push_back(std::move(b));
  }
  std::vector<ExprPtr> len_args;
  len_args.push_back(Local(0, 45));
  let_body.push_back(Builtin(Builtin::kLen, 40, std::move(len_args)));
  interp::MemoryStats stats;
  Outcome o =
      Interpret(OneExpr(LetX(1, std::move(let_body)), 1), RunLimits{}, &stats);
  EXPECT_EQ(o.status, Status::kInternalFault);
  EXPECT_NE(o.fault.find("arena `a` (entered at 1:5)"), std::string::npos)
      << o.fault;
  EXPECT_EQ(stats.peak_regions, 3u);  // heap, a (referenced), one b at a time
  EXPECT_EQ(stats.live, 0u);
  EXPECT_EQ(stats.regions, 0u);
}

TEST_F(InterpreterTree, ProgramValueOfAnEndedArenaIsAFault) {
  // (let ((mut x 0)) (with-arena a (set! x [1]) 0) x)
  std::vector<ExprPtr> let_body;
  let_body.push_back(ArenaSettingX());
  let_body.push_back(Local(0, 40));
  Outcome o = Interpret(OneExpr(LetX(1, std::move(let_body)), 1), RunLimits{});
  EXPECT_EQ(o.status, Status::kInternalFault);
  EXPECT_NE(o.fault.find("after it ended"), std::string::npos) << o.fault;
}

TEST_F(InterpreterTree, ResolverBugsAreFaults) {
  auto unresolved = Node(ExprKind::kVar, 3);
  unresolved->name = p_->NewStr("y");
  Outcome o = Interpret(OneExpr(unresolved, 0), RunLimits{});
  EXPECT_EQ(o.status, Status::kInternalFault);
  EXPECT_NE(o.fault.find("unresolved variable `y`"), std::string::npos);

  Reset();
  o = Interpret(OneExpr(Local(5, 1), 2), RunLimits{});
  EXPECT_EQ(o.status, Status::kInternalFault);
  EXPECT_NE(o.fault.find("local slot out of range"), std::string::npos);

  Reset();
  auto capture = Node(ExprKind::kVar, 1);
  capture->var = VarRef{VarScope::kCapture, 0};
  o = Interpret(OneExpr(capture, 0), RunLimits{});
  EXPECT_EQ(o.status, Status::kInternalFault);
}

}  // namespace
}  // namespace tern
