// Golden output of the disassembler (what `tern disasm` prints).

#include "runtime/vm/disassembler.h"

#include <gtest/gtest.h>

#include "runtime/front/front_end.h"
#include "runtime/vm/compiler.h"

namespace tern::vm {
namespace {

std::string DisasmOf(std::string_view source) {
  CompileResult compiled = Compile(source);
  EXPECT_FALSE(compiled.error);
  std::string why;
  std::optional<Module> module = CompileModule(*compiled.program, &why);
  EXPECT_TRUE(module) << why;
  return Disassemble(*module);
}

TEST(DisassemblerTest, Golden) {
  EXPECT_EQ(DisasmOf("(defn fib (n)\n"
                     "  (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n"
                     "(let ((k 1.5) (f (fn (x) (* x k))))\n"
                     "  (for (i 0 3) (print (f i) \"done\"))\n"
                     "  (fib 20))\n"),
            R"(chunk 0: defn fib (params 1, registers 5)
     0  BrNotLtI    r1 2 ->2                 ; 2:7
     1  Return      r1 z2                    ; 1:1
     2  SubICallDefn r3 r1 1                 ; 2:25
     3  CallDefn    r2 n1 z4 defn0(fib)      ; 2:20
     4  SubICallDefn r4 r1 2                 ; 2:39
     5  CallDefn    r3 n1 z5 defn0(fib)      ; 2:34
     6  AddReturn   r2 r2 r3                 ; 2:17
     7  Return      r2 z4                    ; 1:1

chunk 1: top-level expression at 3:1 (params 0, registers 11)
  k0 = 1.5
  k1 = "done"
     0  LoadK       r1 k0(1.5)               ; 3:10
     1  Closure     r2 chunk2                ; 3:18
     2  LoadI       r4 0                     ; 4:11
     3  LoadI       r5 3                     ; 4:13
     4  ForPrep     r4 r3 ->12               ; 4:3
     5  Move        r9 r2                    ; 4:24
     6  Move        r10 r3                   ; 4:26
     7  Call        r9 n1 z11                ; 4:23
     8  Move        r7 r9                    ; 4:23
     9  LoadK       r8 k1("done")            ; 4:29
    10  Builtin     r6 r7 n2 print           ; 4:16
    11  ForLoop     r4 r3 ->5                ; 4:3
    12  LoadI       r5 20                    ; 5:8
    13  CallDefn    r4 n1 z10 defn0(fib)     ; 5:3
    14  Return      r4 z5                    ; 3:1

chunk 2: lambda at 3:18 (params 1, registers 4)
  c0 = k from r1
     0  GetCap      r3 c0(k)                 ; 3:31
     1  Mul         r2 r1 r3                 ; 3:26
     2  Return      r2 z4                    ; 3:18
)");
}

}  // namespace
}  // namespace tern::vm
