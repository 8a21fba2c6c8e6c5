#include "tools/reducer.h"

#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <optional>
#include <unordered_set>
#include <vector>

#include "fuzz/sexpr.h"
#include "runtime/front/front_end.h"
#include "tools/reduce_candidates.h"

namespace tern::reduce {
namespace {

using sexpr::Forest;

size_t FlatSize(const Forest& forest) {
  size_t n = 0;
  for (const sexpr::Node& f : forest) n += sexpr::PrintFlat(f).size() + 1;
  return n;
}

double Now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

class Search {
 public:
  Search(const Interesting& interesting, const Options& options)
      : interesting_(interesting), options_(options), start_(Now()) {}

  bool OutOfTime() const { return Now() - start_ >= options_.seconds; }

  void Report(bool done) {
    if (!options_.progress) return;
    progress_.seconds = Now() - start_;
    progress_.bytes = best_text_.size();
    progress_.lines = CountLines(best_text_);
    progress_.done = done;
    options_.progress(progress_);
    last_report_ = Now();
  }

  // Tests candidates in order, `jobs` at a time; on the first interesting
  // one makes it the best and returns true.
  bool TryFirst(std::vector<Forest> candidates) {
    std::vector<std::pair<Forest, std::string>> batch;
    for (size_t i = 0; i < candidates.size(); ++i) {
      // Size is measured without layout (indentation), which would make a
      // candidate of a one-line original look bigger than it.
      if (FlatSize(candidates[i]) >= best_size_) continue;
      std::string text = sexpr::Print(candidates[i]);
      if (!seen_.insert(text).second) continue;
      if (options_.require_compiles && Compile(text).error) continue;
      batch.emplace_back(std::move(candidates[i]), std::move(text));
      if (batch.size() == static_cast<size_t>(options_.jobs) ||
          i + 1 == candidates.size()) {
        if (RunBatch(&batch)) return true;
        batch.clear();
        if (OutOfTime()) return false;
      }
    }
    return !batch.empty() && RunBatch(&batch);
  }

  void SetBest(Forest forest, std::string text) {
    best_size_ = FlatSize(forest);
    best_ = std::move(forest);
    best_text_ = std::move(text);
  }
  const Forest& best() const { return best_; }
  const std::string& best_text() const { return best_text_; }
  Progress& progress() { return progress_; }

 private:
  bool RunBatch(std::vector<std::pair<Forest, std::string>>* batch) {
    if (Now() - last_report_ >= 1.0) Report(false);
    std::optional<size_t> winner;
    if (options_.jobs <= 1 || batch->size() == 1) {
      for (size_t i = 0; i < batch->size() && !winner; ++i) {
        ++progress_.tests;
        if (interesting_((*batch)[i].second)) winner = i;
      }
    } else {
      winner = Parallel(*batch);
    }
    if (!winner) return false;
    ++progress_.accepted;
    SetBest(std::move((*batch)[*winner].first),
            std::move((*batch)[*winner].second));
    Report(false);
    return true;
  }

  std::optional<size_t> Parallel(
      const std::vector<std::pair<Forest, std::string>>& batch) {
    std::vector<pid_t> pids;
    std::fflush(nullptr);
    for (const auto& candidate : batch) {
      pid_t pid = fork();
      if (pid == 0) _exit(interesting_(candidate.second) ? 0 : 1);
      pids.push_back(pid);
    }
    std::optional<size_t> winner;
    for (size_t i = 0; i < pids.size(); ++i) {
      int status = 0;
      if (pids[i] < 0) {  // could not fork: test it here
        ++progress_.tests;
        if (!winner && interesting_(batch[i].second)) winner = i;
        continue;
      }
      while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR) {
      }
      ++progress_.tests;
      if (!winner && WIFEXITED(status) && WEXITSTATUS(status) == 0) winner = i;
    }
    return winner;
  }

  const Interesting& interesting_;
  const Options& options_;
  const double start_;
  double last_report_ = 0;
  Forest best_;
  size_t best_size_ = 0;
  std::string best_text_;
  std::unordered_set<std::string> seen_;
  Progress progress_;
};

}  // namespace

size_t CountLines(std::string_view text) {
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines;
}

Result Reduce(std::string_view source, const Interesting& interesting,
              const Options& options) {
  Result result;
  result.source = std::string(source);
  Error error;
  std::optional<Forest> forest = sexpr::Read(source, &error);
  Search search(interesting, options);
  search.progress().tests = 1;
  if (!interesting(std::string(source))) return result;
  result.original_interesting = true;
  if (!forest) {  // unreadable: only the test can judge it; keep it whole
    result.progress = search.progress();
    return result;
  }
  // The reduction starts from the tree; its text stays the original until
  // a candidate is kept.
  search.SetBest(*forest, std::string(source));
  const size_t original_accepted = search.progress().accepted;
  bool changed = true;
  while (changed && !search.OutOfTime()) {
    changed = false;
    while (!search.OutOfTime() &&
           search.TryFirst(DeleteTopLevel(search.best())))
      changed = true;
    std::vector<sexpr::Path> paths = sexpr::AllPaths(search.best());
    for (size_t i = 0; i < paths.size() && !search.OutOfTime();) {
      if (search.TryFirst(ShrinkNode(search.best(), paths[i]))) {
        changed = true;
        paths = sexpr::AllPaths(search.best());  // stay at i: it changed
      } else {
        ++i;
      }
    }
  }
  search.Report(true);
  result.source = search.progress().accepted == original_accepted
                      ? std::string(source)
                      : search.best_text();
  result.progress = search.progress();
  result.progress.bytes = result.source.size();
  result.progress.lines = CountLines(result.source);
  result.progress.done = true;
  return result;
}

}  // namespace tern::reduce
