"""tern_fuzzer: a libFuzzer target that doubles as a corpus regression test."""

load("@rules_cc//cc:defs.bzl", "cc_binary", "cc_library", "cc_test")

def tern_fuzzer(name, srcs, deps = [], corpus = None):
    """Declares a fuzz target and the test replaying its seed corpus.

    Creates:
      NAME              the fuzzer. Built with --config=fuzz it is a libFuzzer
                        binary; otherwise it links //fuzz:fuzz_main, which runs
                        the target once on each file or directory it is given.
      NAME_corpus_test  runs NAME over the corpus directory, so `bazel test`
                        replays the corpus in every config (plain, asan, fuzz).
    Both link //fuzz:sanitizer_defaults (ASan options fit for long runs).

    Args:
      name: the target's name.
      srcs: sources defining LLVMFuzzerTestOneInput.
      deps: their dependencies.
      corpus: label of a filegroup holding the whole corpus directory (its
        package); by default //corpus/NAME.
    """
    if corpus == None:
        corpus = "//corpus/" + name
    cc_library(
        name = name + "_target",
        srcs = srcs,
        deps = deps + ["//fuzz:sanitizer_defaults"],
        alwayslink = True,
    )
    driver = select({
        "//fuzz:libfuzzer": [],
        "//conditions:default": ["//fuzz:fuzz_main"],
    })
    engine = select({
        "//fuzz:libfuzzer": ["-fsanitize=fuzzer"],
        "//conditions:default": [],
    })
    cc_binary(
        name = name,
        deps = [":" + name + "_target"] + driver,
        linkopts = engine,
    )
    corpus_dir = Label(corpus).package
    cc_test(
        name = name + "_corpus_test",
        size = "medium",  # source_fuzzer replays 549 programs on every engine
        deps = [":" + name + "_target"] + driver,
        linkopts = engine,
        data = [corpus],
        # -runs=0: libFuzzer executes the corpus and stops; fuzz_main ignores it.
        args = ["-runs=0", corpus_dir],
    )
