"""Running libFuzzer processes for a time budget: workers per target, live
status, restarts after a finding, and a clean stop on a signal."""

import os
import signal
import subprocess
import threading
import time

import libfuzzer_log


class TargetState:
    """What the campaign knows of one target, updated by its workers."""

    def __init__(self, name):
        self.name = name
        self.lock = threading.Lock()
        self.finished_execs = 0     # executions of runs that ended
        self.live_execs = {}        # worker -> executions of its current run
        self.cov = 0
        self.ft = 0
        self.corpus = 0
        self.rss_mb = 0
        self.artifacts = []         # (path, log path) in the order found
        self.runs = 0
        self.samples = []           # (seconds, execs, cov) for the chart
        self.errors = []            # runs that ended without running at all
        self.seconds = 0.0          # how long it was fuzzed (its round)

    def execs(self):
        return self.finished_execs + sum(self.live_execs.values())

    def record(self, worker, status):
        with self.lock:
            self.live_execs[worker] = status.execs
            self.cov = max(self.cov, status.cov)
            self.ft = max(self.ft, status.ft)
            self.corpus = max(self.corpus, status.corpus)
            self.rss_mb = max(self.rss_mb, status.rss_mb)

    def end_run(self, worker, final_execs):
        with self.lock:
            last = self.live_execs.pop(worker, 0)
            self.finished_execs += max(last, final_execs or 0)
            self.runs += 1

    def sample(self, t):
        with self.lock:
            self.samples.append((round(t, 2), self.execs(), self.cov))


class Worker(threading.Thread):
    """One libFuzzer process at a time for one target until the deadline;
    a run that stops on a finding is restarted with the time left."""

    def __init__(self, state, worker_id, command, deadline, stop, log_dir,
                 env, on_artifacts=None):
        super().__init__(daemon=True)
        self.on_artifacts = on_artifacts
        self.state, self.worker_id, self.command = state, worker_id, command
        self.deadline, self.stop, self.log_dir, self.env = (
            deadline, stop, log_dir, env)
        self.proc = None
        self.proc_lock = threading.Lock()

    def run(self):
        while not self.stop.is_set():
            left = int(self.deadline - time.monotonic())
            if left < 1:
                return
            log_path = os.path.join(
                self.log_dir, "%s-w%d-r%d.log" % (self.state.name,
                                                  self.worker_id,
                                                  self.state.runs))
            cmd = self.command + ["-max_total_time=%d" % left]
            final, found, started = None, [], False
            with open(log_path, "w") as log:
                log.write("$ %s\n" % " ".join(cmd))
                with self.proc_lock:
                    if self.stop.is_set():
                        return
                    self.proc = subprocess.Popen(
                        cmd, stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                        env=self.env, start_new_session=True, errors="replace")
                for line in self.proc.stderr:
                    log.write(line)
                    status = libfuzzer_log.parse_status(line)
                    if status:
                        started = True
                        self.state.record(self.worker_id, status)
                        continue
                    path = libfuzzer_log.parse_artifact(line)
                    if path:
                        found.append(path)
                    n = libfuzzer_log.parse_final_execs(line)
                    if n is not None:
                        final = n
                rc = self.proc.wait()
            self.state.end_run(self.worker_id, final)
            with self.state.lock:
                known = {p for p, _ in self.state.artifacts}
                fresh = [p for p in found if p not in known]
                for path in fresh:
                    self.state.artifacts.append((path, log_path))
            if fresh and self.on_artifacts:
                with self.state.lock:
                    self.on_artifacts(fresh)
            if found and not fresh:
                return  # it stops on an input of the corpus: restarting won't help
            if not found:
                if not started and rc != 0 and not self.stop.is_set():
                    # It could not start (bad flags, a crash on the seeds is
                    # still an artifact): do not spin on it.
                    self.state.errors.append((rc, log_path))
                return  # the budget is spent or the run was stopped

    def interrupt(self):
        with self.proc_lock:
            if self.proc and self.proc.poll() is None:
                try:
                    # libFuzzer handles SIGINT: it stops and prints its stats.
                    os.killpg(self.proc.pid, signal.SIGINT)
                except ProcessLookupError:
                    pass


def run_all(states, commands, workers_per_target, seconds, log_dir, env,
            stop, progress, on_artifacts=None):
    """Runs every target's workers for `seconds` (or until `stop`), calling
    progress(elapsed, final) about once a second."""
    start = time.monotonic()
    deadline = start + seconds
    workers = []
    for state in states:
        for w in range(workers_per_target[state.name]):
            workers.append(Worker(state, w, commands[state.name], deadline,
                                  stop, log_dir, env,
                                  on_artifacts and on_artifacts.get(
                                      state.name)))
    for w in workers:
        w.start()
    interrupted = False
    while any(w.is_alive() for w in workers):
        if stop.is_set() and not interrupted:
            interrupted = True
            for w in workers:
                w.interrupt()
        elapsed = time.monotonic() - start
        for s in states:
            s.sample(elapsed)
        progress(elapsed, False)
        if stop.is_set():
            time.sleep(0.2)
        else:
            stop.wait(1.0)
        if time.monotonic() > deadline + 30 and not interrupted:
            stop.set()  # a run that ignores its own time limit
    for w in workers:
        w.join()
    elapsed = time.monotonic() - start
    for s in states:
        s.sample(elapsed)
        s.seconds += elapsed
    progress(elapsed, True)
    return elapsed
