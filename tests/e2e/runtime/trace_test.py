"""End-to-end tests of `kensa trace` on each Python 3.8-3.13 found in ~/.pyenv/versions (a
version that is missing is skipped and said so), plus /usr/bin/python3.

The programs in tests/fixtures/trace_programs record their own stack (oracle.py) on the line
where they then warn, log, print or raise, so the expected frames come from the program itself,
not from kensa. Each version runs: every event kind (warnings shown once and filtered out,
logging through a custom formatter, print grouped per call, direct writes, the uncaught
exception), --raised, a child Python, the program's stdout/stderr bytes and exit status with and
without kensa, death by signal, Ctrl-C (SIGINT to kensa reaches the program) and the blog's case
on tests/fixtures/blog_transformers. Once: the bad inputs (no command, not found, not Python,
timeout stopping the process group, a bad --match or --kind) and --output.

Usage: /usr/bin/python3 trace_test.py --kensa BUILD/kensa [--python 3.N|system|none]
  --python picks one interpreter's cases (exit 77 when it is not installed), `none` only the
  once-run cases; ctest registers one test of each so no single test runs all seven interpreters.
"""

import argparse
import glob
import json
import os
import re
import shutil
import select
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.normpath(os.path.join(HERE, "..", "..", "fixtures", "trace_programs"))
BLOG = os.path.normpath(os.path.join(HERE, "..", "..", "fixtures", "blog_transformers"))
KENSA = None


def pythons():
    """(label, interpreter) for the newest installed patch release of each of 3.8-3.13."""
    found = []
    root = os.path.expanduser("~/.pyenv/versions")
    for minor in range(8, 14):
        candidates = []
        for path in glob.glob(os.path.join(root, "3.%d.*" % minor)):
            m = re.fullmatch(r"3\.%d\.(\d+)" % minor, os.path.basename(path))
            exe = os.path.join(path, "bin", "python3")
            if m and os.access(exe, os.X_OK):
                candidates.append((int(m.group(1)), exe))
        if candidates:
            found.append(("3.%d" % minor, max(candidates)[1]))
        else:
            print("trace_test: Python 3.%d is not installed; its cases are skipped" % minor)
    if os.access("/usr/bin/python3", os.X_OK):
        found.append(("system", "/usr/bin/python3"))
    return found


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KENSA_TRACE"))}
    env.update(extra)
    return env


def descendants(pid):
    """The pids below `pid`, from /proc (kensa puts the traced program in a group of its own)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    ppid = int(f.read().rsplit(") ", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def describe(pids):
    lines = []
    for pid in pids:
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            with open("/proc/%d/wchan" % pid) as f:
                wchan = f.read()
            with open("/proc/%d/stat" % pid) as f:
                state = f.read().rsplit(") ", 1)[1].split()[0]
        except OSError:
            continue
        lines.append("  %d [%s, waiting in %s] %s" % (pid, state, wchan or "-", cmd))
    return "\n".join(lines)


def run(cmd, timeout=60, **kwargs):
    """subprocess.run(cmd, capture_output=True) that cannot hang the suite: on a timeout kensa is
    sent SIGTERM (it passes it on to the program's group), then everything below it is killed,
    and the test fails naming the command and what each process was waiting in."""
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    text = kwargs.pop("text", False)
    check = kwargs.pop("check", False)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=text,
                            **kwargs)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stuck = [proc.pid] + descendants(proc.pid)
        state = describe(stuck)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for pid in stuck:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            out, err = b"", b""
        raise AssertionError("no answer after %s s from %s\n%s\nstderr so far:\n%s"
                             % (timeout, " ".join(map(str, cmd)), state,
                                err if text else (err or b"").decode(errors="replace")))
    result = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    if check:
        result.check_returncode()
    return result


class Run:
    def __init__(self, proc, report, oracle):
        self.returncode = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.report = report
        self.oracle = oracle

    def events(self, kind=None):
        return [e for e in self.report["events"] if kind is None or e["kind"] == kind]

    def stack(self, tag):
        stacks = [o for o in self.oracle if o["tag"] == tag]
        assert stacks, "the program never reached %r" % tag
        return stacks


class TraceCase(unittest.TestCase):
    python = None  # set per version below

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kensa_trace_e2e_")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def oracle_path(self):
        return os.path.join(self.tmp, "oracle.jsonl")

    def read_oracle(self):
        path = self.oracle_path()
        if not os.path.exists(path):
            return []
        with open(path) as f:
            out = [json.loads(line) for line in f]
        os.unlink(path)
        return out

    def plain(self, *args, env=None):
        proc = run([self.python, *args], cwd=PROGRAMS,
                              env=env or clean_env(ORACLE_OUT=self.oracle_path()), timeout=60)
        self.read_oracle()
        return proc

    def trace(self, *args, options=(), env=None):
        report = os.path.join(self.tmp, "report.json")
        cmd = [KENSA, "trace", "--json", "--output", report, *options, "--", self.python, *args]
        proc = run(cmd, cwd=PROGRAMS, timeout=60,
                              env=env or clean_env(ORACLE_OUT=self.oracle_path()))
        with open(report) as f:
            data = json.load(f)
        os.unlink(report)
        return Run(proc, data, self.read_oracle())

    def assertFramesMatch(self, event, oracle_stack, innermost_function):
        got = [(f["file"], f["line"]) for f in event["frames"]]
        want = [(f, line) for f, line, _ in oracle_stack["stack"]]
        self.assertEqual(got, want, event)
        for frame, (_, _, name) in zip(event["frames"], oracle_stack["stack"]):
            self.assertEqual(frame["function"].split(".")[-1], name)
            self.assertTrue(os.path.isabs(frame["file"]) or frame["file"].startswith("<"))
        self.assertEqual(event["frames"][-1]["function"], innermost_function)

    def only(self, events, message):
        found = [e for e in events if e["message"] == message]
        self.assertEqual(len(found), 1, [e["message"] for e in events])
        return found[0]

    # --- each kind ------------------------------------------------------------------------
    def test_event_kinds(self):
        run = self.trace("events.py")
        self.assertEqual(run.returncode, 1)
        warnings = run.events("warning")
        self.assertFramesMatch(self.only(warnings, "DeprecationWarning: deprecated load"),
                               run.stack("warn")[0], "Model.load")
        once = [e for e in warnings if e["message"] == "UserWarning: shown once"]
        self.assertEqual(len(once), 2, "a warning shown once is still recorded each time")
        for event, stack in zip(once, run.stack("once")):
            self.assertFramesMatch(event, stack, "Model.load")
        self.assertFramesMatch(self.only(warnings, "UserWarning: filtered out"),
                               run.stack("ignored")[0], "Model.load")
        self.assertEqual(once[0]["category"], "UserWarning")
        compiler = [e for e in warnings if "invalid escape sequence" in e["message"]]
        self.assertEqual(len(compiler), 1, [e["message"] for e in warnings])
        self.assertIn(compiler[0]["category"], ("DeprecationWarning", "SyntaxWarning"))
        self.assertFramesMatch(compiler[0], run.stack("compiler")[0], "Model.load")

        logs = run.events("logging")
        self.assertEqual(len(logs), 1, logs)
        self.assertEqual(logs[0]["message"], "[WARNING app.model] loaded 12 layers")
        self.assertEqual(logs[0]["level"], "WARNING")
        self.assertEqual(logs[0]["logger"], "app.model")
        self.assertFramesMatch(logs[0], run.stack("log")[0], "Model.log")

        prints = run.events("print")
        printed = self.only(prints, "a b 3\n")
        self.assertEqual(printed["stream"], "stdout")
        self.assertFramesMatch(printed, run.stack("print")[0], "main")
        written = self.only(prints, "direct write\n")
        self.assertEqual(written["stream"], "stderr")
        self.assertFramesMatch(written, run.stack("write")[0], "main")
        # What logging, warnings and the final traceback write is theirs, not a print.
        self.assertEqual(len(prints), 2, [e["message"] for e in prints])

        exceptions = run.events("exception")
        self.assertEqual([e["message"] for e in exceptions], ["RuntimeError: the end"])
        self.assertEqual(exceptions[0]["how"], "uncaught")
        self.assertFramesMatch(exceptions[0], run.stack("uncaught")[0], "main")
        self.assertEqual(run.report["exit"]["code"], 1)
        self.assertEqual(len(run.report["processes"]), 1)

    def test_raised(self):
        run = self.trace("events.py", options=["--raised", "--limit", "100000"])
        raised = [e for e in run.events("exception") if e["how"] == "raised"]
        value_errors = [e for e in raised if "invalid literal for int()" in e["message"]]
        self.assertEqual(len(value_errors), 1, [e["message"] for e in raised])
        self.assertEqual(value_errors[0]["exception"], "ValueError")
        self.assertFramesMatch(value_errors[0], run.stack("caught")[0], "main")
        ends = [e for e in raised if e["message"] == "RuntimeError: the end"]
        self.assertEqual(len(ends), 1, "raised once, recorded once (not per frame it leaves)")

    def test_kind_and_match(self):
        run = self.trace("events.py", options=["--kind", "logging,print"])
        self.assertEqual(sorted(e["kind"] for e in run.events()), ["logging", "print", "print"])
        run = self.trace("events.py", options=["--kind", "logging,print", "--match", r"\d+ layers"])
        self.assertEqual(run.report["matched"], 1)
        self.assertEqual([e["kind"] for e in run.events()], ["logging"])
        run = self.trace("events.py", options=["--kind", "warning", "--match", r"\d+ layers"])
        self.assertEqual(run.report["matched"], 0)
        # The uncaught exception's traceback still reaches stderr when exceptions are not recorded.
        self.assertIn(b"RuntimeError: the end", run.stderr)
        run = self.trace("events.py", options=["--match", "^UserWarning", "--all"])
        self.assertEqual([e["message"] for e in run.events()],
                         ["UserWarning: shown once"] * 2 + ["UserWarning: filtered out"])
        run = self.trace("events.py", options=["--match", "^UserWarning"])
        self.assertEqual(len(run.events()), 1)
        self.assertEqual(run.report["matched"], 3)

    def test_child_process(self):
        run = self.trace("parent.py")
        self.assertEqual(run.returncode, 0)
        self.assertEqual(len(run.report["processes"]), 2)
        child = self.only(run.events("print"), "from the child\n")
        parent = self.only(run.events("print"), "from the parent\n")
        self.assertNotEqual(child["pid"], parent["pid"])
        self.assertEqual(child["pid"], run.stack("child")[0]["pid"])
        self.assertFramesMatch(child, run.stack("child")[0], "greet")
        self.assertFramesMatch(parent, run.stack("parent")[0], "<module>")

    # --- the program is not changed ---------------------------------------------------------
    def test_same_bytes_and_status(self):
        for args in (["events.py"], ["parent.py"], ["ending.py", "exit", "5"]):
            plain = self.plain(*args)
            traced = self.trace(*args)
            self.assertEqual(traced.stdout, plain.stdout, args)
            self.assertEqual(traced.stderr, plain.stderr, args)  # the report went to --output
            self.assertEqual(traced.returncode, plain.returncode, args)
        self.assertEqual(traced.returncode, 5)

    def test_death_by_signal(self):
        plain = self.plain("ending.py", "signal", "SIGTERM")
        traced = self.trace("ending.py", "signal", "SIGTERM")
        self.assertEqual(plain.returncode, -signal.SIGTERM)
        self.assertEqual(traced.returncode, -signal.SIGTERM)
        self.assertEqual(traced.report["exit"]["signal"], signal.SIGTERM)

    def test_ctrl_c_reaches_the_program(self):
        report = os.path.join(self.tmp, "report.json")
        proc = subprocess.Popen(
            [KENSA, "trace", "--json", "--output", report, "--", self.python, "ending.py", "wait"],
            cwd=PROGRAMS, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=clean_env(ORACLE_OUT=self.oracle_path()))
        try:
            seen = b""
            deadline = time.monotonic() + 30
            while not seen.endswith(b"ready\n") and time.monotonic() < deadline:
                ready, _, _ = select.select([proc.stdout], [], [], deadline - time.monotonic())
                if not ready:
                    break
                chunk = os.read(proc.stdout.fileno(), 1024)
                if not chunk:
                    break
                seen += chunk
            self.assertEqual(seen, b"starting\nready\n")
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:  # a failed step: leave nothing running
                for pid in [proc.pid] + descendants(proc.pid):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
                proc.wait()
        # Python ends an uncaught KeyboardInterrupt by dying from SIGINT; kensa does the same.
        self.assertEqual(proc.returncode, -signal.SIGINT, err)
        self.assertIn(b"KeyboardInterrupt", err)
        with open(report) as f:
            events = json.load(f)["events"]
        self.assertEqual([e["exception"] for e in events if e["kind"] == "exception"],
                         ["KeyboardInterrupt"])

    # --- the blog's case ------------------------------------------------------------------
    def test_blog_case(self):
        if not os.path.isdir(BLOG):
            self.skipTest("tests/fixtures/blog_transformers is not there yet")
        code = ("from transformers import AutoModelForCausalLM; "
                "AutoModelForCausalLM.from_pretrained('HuggingFaceTB/SmolLM-135M')")
        env = clean_env(PYTHONPATH=os.path.join(BLOG, "src"), ORACLE_OUT=self.oracle_path())
        run = self.trace("-c", code, options=["--match", "not a valid Python identifier"], env=env)
        events = run.events()
        self.assertEqual(len(events), 1, run.stderr)
        frames = events[0]["frames"]
        tail = [(os.path.relpath(f["file"], os.path.join(BLOG, "src")), f["function"])
                for f in frames[-6:]]
        # Qualified names as CPython 3.11+ gives them (co_qualname), reconstructed before 3.11:
        # the decorator's wrapper, whose __qualname__ functools.wraps overwrote, included.
        self.assertEqual([name for _, name in tail],
                         ["_BaseAutoModelClass.from_pretrained",
                          "restore_default_dtype.<locals>._wrapper",
                          "PreTrainedModel.from_pretrained", "GenerationMixin.load_custom_generate",
                          "get_cached_module_file", "_sanitize_module_name"])
        self.assertEqual([path for path, _ in tail],
                         ["transformers/models/auto/auto_factory.py", "transformers/modeling_utils.py",
                          "transformers/modeling_utils.py", "transformers/generation/utils.py",
                          "transformers/dynamic_module_utils.py",
                          "transformers/dynamic_module_utils.py"])
        self.assertEqual(frames[0]["file"], "<string>")
        self.assertIn("logger.warning", frames[-1]["code"])


FRAME_LINE = re.compile(r'^  File "(.*)", line (\d+), in (.*)$')


def printed_stack(text, script, mode):
    """The frames CPython printed in `text`: for logging the first "Call stack:" (the one of the
    emission; a failing handler inside asyncio's handler makes a second), else the last
    traceback (the oracle's exception, after any it was raised while handling). From the
    script's own outermost frame in, without the oracle's own frames."""
    header = "Call stack:" if mode == "logging" else "Traceback (most recent call last):"
    blocks = []
    for line in text.splitlines():
        if line.startswith(("Traceback (most recent call last):", "Call stack:")):
            blocks.append((line.startswith(header), []))
        m = FRAME_LINE.match(line)
        if m and blocks:
            blocks[-1][1].append((m.group(1), int(m.group(2)), m.group(3)))
    chosen = [frames for wanted, frames in blocks if wanted]
    if not chosen:
        return []
    frames = chosen[0] if mode == "logging" else chosen[-1]
    files = [f for f, _, _ in frames]
    frames = frames[files.index(script):] if script in files else []
    # The oracle's handler, and logging's frames between it and the logging call (handleError
    # walks out of logging/ only from where the handler raised, which is the oracle's file).
    while frames and frames[-1][0].endswith(("oracle_run.py", "/logging/__init__.py")):
        frames.pop()
    return frames


class StdlibCase(unittest.TestCase):
    """Messages the standard library emits in programs we did not write, against the stack
    CPython itself prints for the same emission (tests/fixtures/trace_programs/oracle_run.py)."""

    python = None

    def check(self, name, mode, match):
        script = os.path.join(PROGRAMS, "stdlib", name)
        oracle = run([self.python, os.path.join(PROGRAMS, "oracle_run.py"), mode, script],
                                text=True, timeout=60, env=clean_env())
        want = printed_stack(oracle.stderr, script, mode)
        self.assertTrue(want, oracle.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            report = os.path.join(tmp, "report.json")
            traced = run(
                [KENSA, "trace", "--json", "--output", report, "--match", match, "--", self.python,
                 script], timeout=60, env=clean_env())
            with open(report) as f:
                events = json.load(f)["events"]
        self.assertEqual(len(events), 1, traced.stderr)
        got = [(f["file"], f["line"], f["function"].split(".")[-1]) for f in events[0]["frames"]]
        self.assertEqual(got, want)
        return events[0]

    def test_argparse_error(self):
        event = self.check("argparse_error.py", "write", "^usage: tool")
        self.assertEqual(event["kind"], "print")
        self.assertEqual(event["stream"], "stderr")

    def test_json_error(self):
        event = self.check("json_error.py", "exception", "Expecting property name")
        self.assertEqual(event["exception"], "JSONDecodeError")

    def test_zipfile_warning(self):
        event = self.check("zipfile_warning.py", "warning", "Duplicate name: 'a.txt'")
        self.assertEqual(event["kind"], "warning")

    def test_asyncio_logging(self):
        event = self.check("asyncio_logging.py", "logging", "^Exception in callback")
        self.assertEqual(event["logger"], "asyncio")
        self.assertIn("ValueError: callback failed", event["message"])


class StaticJoinTest(unittest.TestCase):
    """The template `kensa emits` reconstructs is named when the emitting call does not spell
    its message out (tests/fixtures/trace_programs/templated)."""

    def test_template_site(self):
        root = os.path.join(PROGRAMS, "templated")
        with tempfile.TemporaryDirectory() as tmp:
            report = os.path.join(tmp, "report.json")
            oracle = os.path.join(tmp, "oracle.jsonl")
            run([KENSA, "trace", "--json", "--output", report, "--", sys.executable,
                            os.path.join(root, "run.py")], check=True,
                           timeout=60, env=clean_env(ORACLE_OUT=oracle))
            with open(report) as f:
                events = json.load(f)["events"]
            with open(oracle) as f:
                stacks = {o["tag"]: o["stack"] for o in map(json.loads, f)}
        self.assertEqual([e["kind"] for e in events], ["logging", "logging"])
        built, direct = events
        self.assertEqual(built["frames"][-1]["line"], stacks["built"][-1][1])
        site = built["template_site"]
        self.assertEqual(site["file"], os.path.join(root, "pkg", "msgs.py"))
        self.assertEqual(site["line"], stacks["built"][-1][1])
        self.assertTrue(site["function"].endswith("pkg.msgs.check"), site)
        # The literal text of NOT_VALID, with holes where the names go.
        self.assertRegex(site["template"],
                         r"^The module name \{.+\} is not a valid Python identifier; rename \{.+\}$")
        self.assertNotIn("template_site", direct)  # the call spells its message out

    def test_no_static(self):
        root = os.path.join(PROGRAMS, "templated")
        r = run([KENSA, "trace", "--no-static", "--", sys.executable,
                            os.path.join(root, "run.py")], text=True,
                           timeout=60, env=clean_env(ORACLE_OUT=os.devnull))
        self.assertIn("logger.warning(msg)", r.stderr)
        self.assertNotIn("Message template", r.stderr)


class BadInputTest(unittest.TestCase):
    def kensa(self, *args, timeout=60):
        return run([KENSA, "trace", *args], text=True,
                              timeout=timeout, env=clean_env())

    def test_ctrl_c_on_a_terminal(self):
        # On a terminal, kensa hands it to the program's process group: the ^C the terminal
        # turns into SIGINT goes to the program, which dies from it, and so does kensa.
        import pty

        with tempfile.TemporaryDirectory() as tmp:
            report = os.path.join(tmp, "report.json")
            pid, fd = pty.fork()
            if pid == 0:
                os.chdir(PROGRAMS)
                os.execve(KENSA, [KENSA, "trace", "--json", "--output", report, "--",
                                  sys.executable, "ending.py", "wait"], clean_env())
            seen = b""
            deadline = time.monotonic() + 30
            while b"ready" not in seen and time.monotonic() < deadline:
                seen += os.read(fd, 1024)
            self.assertIn(b"ready", seen)
            os.write(fd, b"\x03")
            _, status = os.waitpid(pid, 0)
            try:
                while os.read(fd, 1024):
                    pass
            except OSError:
                pass
            os.close(fd)
            self.assertTrue(os.WIFSIGNALED(status), status)
            self.assertEqual(os.WTERMSIG(status), signal.SIGINT)
            with open(report) as f:
                events = json.load(f)["events"]
            self.assertIn("KeyboardInterrupt", [e.get("exception") for e in events])

    def test_terminal_input_reaches_the_program(self):
        # A process group that does not hold the terminal is stopped (SIGTTIN) when it reads it.
        import pty

        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(PROGRAMS)
            os.execve(KENSA, [KENSA, "trace", "--no-static", "--timeout", "10", "--", sys.executable, "ending.py",
                              "read"], clean_env())
        seen = b""
        deadline = time.monotonic() + 30
        while b"ready" not in seen and time.monotonic() < deadline:
            seen += os.read(fd, 1024)
        os.write(fd, b"hello\n")
        while b"got: hello" not in seen and time.monotonic() < deadline:
            try:
                seen += os.read(fd, 1024)
            except OSError:
                break
        _, status = os.waitpid(pid, 0)
        os.close(fd)
        self.assertIn(b"got: hello", seen)
        self.assertEqual(os.waitstatus_to_exitcode(status), 0)

    def test_events_past_the_limit_are_counted(self):
        with tempfile.TemporaryDirectory() as tmp:
            report = os.path.join(tmp, "report.json")
            r = run([KENSA, "trace", "--json", "--output", report, "--", sys.executable,
                                "-c", "for i in range(10): print(i)"],
                               timeout=60, env=clean_env(KENSA_TRACE_MAX_EVENTS="3"))
            self.assertEqual(r.stdout, b"".join(b"%d\n" % i for i in range(10)))
            with open(report) as f:
                data = json.load(f)
        self.assertEqual([e["message"] for e in data["events"]], ["0\n", "1\n", "2\n"])
        self.assertEqual(data["not_recorded"], 7)

    def test_no_command(self):
        r = self.kensa()
        self.assertEqual(r.returncode, 2)
        self.assertIn("no COMMAND", r.stderr)
        self.assertIn("usage: kensa trace", r.stderr)

    def test_not_found(self):
        r = self.kensa("--", "kensa-no-such-command")
        self.assertEqual(r.returncode, 127)
        self.assertIn("kensa-no-such-command: command not found", r.stderr)

    def test_not_executable(self):
        r = self.kensa("--", PROGRAMS + "/oracle.py")  # a file without the x bit
        self.assertEqual(r.returncode, 126)

    def test_not_python(self):
        r = self.kensa("--", "sh", "-c", "echo hi; exit 3")
        self.assertEqual(r.returncode, 3)
        self.assertEqual(r.stdout, "hi\n")
        self.assertIn("did not start Python", r.stderr)

    def test_bad_options(self):
        r = self.kensa("--match", "(", "--", "true")
        self.assertEqual(r.returncode, 2)
        self.assertIn("missing ), unterminated subpattern at position 0", r.stderr)
        r = self.kensa("--kind", "warning,bogus", "--", "true")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown kind 'bogus'", r.stderr)

    def test_timeout_stops_the_group(self):
        with tempfile.TemporaryDirectory() as tmp:
            pid_file = os.path.join(tmp, "pid")
            start = time.monotonic()
            r = self.kensa("--timeout", "1.5", "--", sys.executable, PROGRAMS + "/grandchild.py",
                           pid_file)
            self.assertLess(time.monotonic() - start, 15)
            self.assertEqual(r.returncode, 124, r.stderr)
            self.assertIn("--timeout 1.5", r.stderr)
            with open(pid_file) as f:
                grandchild = int(f.read())
            for _ in range(50):  # reaped by init shortly after its parent died
                if not alive(grandchild):
                    break
                time.sleep(0.1)
            self.assertFalse(alive(grandchild), "the command's own child outlived the timeout")

    def test_output_file_and_text(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "report.txt")
            r = self.kensa("--output", out, "--", sys.executable, "-c",
                           "import warnings\ndef f():\n    warnings.warn('careful')\nf()")
            self.assertEqual(r.returncode, 0)
            self.assertNotIn("kensa trace", r.stderr)  # the program's warning only
            with open(out) as f:
                text = f.read()
            self.assertIn('  File "<string>", line 4, in <module>\n', text)
            self.assertIn('  File "<string>", line 3, in f\n', text)
            self.assertIn("UserWarning: careful\n", text)


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ")[-1][0] != "Z"
    except FileNotFoundError:
        return False


def main():
    global KENSA
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=True)
    parser.add_argument("--python", help="3.N, system or none (default: all of them)")
    args, rest = parser.parse_known_args()
    KENSA = os.path.abspath(args.kensa)
    work = tempfile.mkdtemp(prefix="kensa_trace_programs_")
    try:
        use_own_copy_of_programs(work)
        run_suite(args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def use_own_copy_of_programs(work):
    """The programs run from a copy that is a git repository of its own. In place, the static
    join's project would be kensa's whole checkout (its .git is the nearest), whose cold emits
    index took over 60 s under ASan, so the first cases of the first interpreters to run timed
    out in CI; a small project of their own keeps the join in every case, fast."""
    global PROGRAMS
    copy = os.path.join(work, "trace_programs")
    shutil.copytree(PROGRAMS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(["git", "init", "-q", copy], check=True)
    PROGRAMS = copy


def run_suite(args):
    suite = unittest.TestSuite()
    loader = unittest.TestLoader()
    chosen = pythons()
    if args.python is not None:
        chosen = [(label, exe) for label, exe in chosen if label == args.python]
        if not chosen and args.python != "none":
            print("trace_test: no Python %s here; skipped" % args.python)
            sys.exit(77)
    for label, exe in chosen:
        case = type("Trace_" + label.replace(".", "_"), (TraceCase,), {"python": exe})
        suite.addTests(loader.loadTestsFromTestCase(case))
        case = type("Stdlib_" + label.replace(".", "_"), (StdlibCase,), {"python": exe})
        suite.addTests(loader.loadTestsFromTestCase(case))
    if args.python in (None, "none"):
        suite.addTests(loader.loadTestsFromTestCase(BadInputTest))
        suite.addTests(loader.loadTestsFromTestCase(StaticJoinTest))
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
