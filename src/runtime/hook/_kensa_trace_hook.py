# kensa trace's hook, loaded by the sitecustomize.py beside it in every traced Python (3.8+).
#
# It records, as JSON lines appended to the file named by KENSA_TRACE_EVENTS (one open-append-
# close per event, so a forked or exec'ed child, or a program that closes every descriptor, never
# loses or corrupts the channel, and the program's stdout and stderr carry only its own bytes):
#   warning    each warnings.warn / warn_explicit call from Python, before the filters decide
#   logging    each record a logging handler handles, with the text that handler produced
#   print      each print() call and each direct write to sys.stdout / sys.stderr
#   exception  the exception that ends the program; with KENSA_TRACE_RAISED=1 every one raised
# Each event carries the stack from the outermost frame to the emitting statement; the frames of
# the emitting machinery (warnings, logging, this file) are dropped from the inner end.
#
# Everything here runs inside the user's program, so it must not change what the program does:
# the wrappers call the originals with the same arguments, writes go to the real streams
# unchanged, and a failure inside the hook is swallowed rather than raised into the program.
import os
import sys

_PATH = os.environ.get("KENSA_TRACE_EVENTS", "")
_KINDS = set(os.environ.get("KENSA_TRACE_KINDS", "warning,logging,print,exception").split(","))
_RAISED = os.environ.get("KENSA_TRACE_RAISED") == "1"
_RECORD_PRINTS = "print" in _KINDS
# --match, applied here too so that an event that cannot match costs no stack walk and no write
# (kensa matches again with its own implementation of Python's re, which decides).
_MATCH = None
_CWD = os.getcwd()
_MAX_FRAMES = 256  # deeper stacks keep the outer and inner halves and say how many were cut

_HERE = os.path.dirname(os.path.abspath(__file__))
_state = None  # a _thread._local, set by install()
_linecache = None
try:  # the C string encoder alone: importing json costs a Python process several ms at startup
    from _json import encode_basestring as _quote
except ImportError:  # pragma: no cover
    from json import dumps as _quote


def _absolute(filename):
    if not filename or filename.startswith("<") or os.path.isabs(filename):
        return filename
    return os.path.normpath(os.path.join(_CWD, filename))


# --- function names ---------------------------------------------------------------------------
_qualnames = {}


_module_index = {}  # id(module globals) -> {code: qualname}


def _index_module(module_globals):
    # Before 3.11 a code object has no co_qualname. The module's functions and the classes'
    # methods name theirs (unless functools.wraps copied another function's name over it); the
    # functions nested in them are found among their code's constants, as CPython names them
    # ("outer.<locals>.inner").
    from types import CodeType

    index = {}

    def add_code(code, qualname):
        if code in index:
            return
        index[code] = qualname
        for const in code.co_consts:
            if isinstance(const, CodeType):
                add_code(const, qualname + ".<locals>." + const.co_name)

    seen = set()

    def visit(obj, depth):
        if id(obj) in seen or depth > 4:
            return
        seen.add(id(obj))
        if isinstance(obj, (staticmethod, classmethod)):
            obj = obj.__func__
        if isinstance(obj, property):
            for f in (obj.fget, obj.fset, obj.fdel):
                if f is not None:
                    visit(f, depth)
            return
        code = getattr(obj, "__code__", None)
        if isinstance(code, CodeType):
            wrapped = getattr(obj, "__wrapped__", None)
            if wrapped is None:
                add_code(code, getattr(obj, "__qualname__", code.co_name))
            else:
                visit(wrapped, depth + 1)
            return
        if isinstance(obj, type) and obj.__module__ == module_globals.get("__name__"):
            for value in list(vars(obj).values()):
                visit(value, depth + 1)

    for value in list(module_globals.values()):
        visit(value, 0)
    return index


def _find_qualname(code, frame):
    name = code.co_name
    if name == "<module>":
        return name
    key = id(frame.f_globals)
    index = _module_index.get(key)
    if index is None or code not in index:
        try:
            index = _module_index[key] = _index_module(frame.f_globals)
        except Exception:
            return name
    return index.get(code, name)


def _qualname(code, frame):
    qualname = getattr(code, "co_qualname", None)
    if qualname is not None:
        return qualname
    found = _qualnames.get(code)
    if found is None:
        found = _qualnames[code] = _find_qualname(code, frame)
    return found


# --- stacks -----------------------------------------------------------------------------------
_machinery = {}


def _is_machinery(filename, extra):
    # warnings.py, logging/, this folder: the frames between the user's statement and the hook.
    key = (filename, extra)
    known = _machinery.get(key)
    if known is None:
        directory = os.path.dirname(filename)
        known = directory == _HERE or filename.endswith(("/warnings.py", "<frozen warnings>"))
        if extra == "logging":
            known = known or directory.endswith("/logging")
        _machinery[key] = known
    return known


_frame_cache = {}
_files = {}


def _source_line(filename, lineno, module_globals):
    # linecache when the program has it (it knows zip imports and registered sources); else the
    # file read here, because importing linecache runs code through exec(), and that, inside
    # sys.excepthook, makes CPython forget that a KeyboardInterrupt ended the program (it would
    # exit with 1 instead of dying from SIGINT).
    global _linecache
    if _linecache is None:
        _linecache = sys.modules.get("linecache")
        if _linecache is None and not _state.in_excepthook:
            import linecache as _linecache
    if _linecache is not None:
        return _linecache.getline(filename, lineno, module_globals).strip()
    lines = _files.get(filename)
    if lines is None:
        try:
            with open(filename, "rb") as f:
                lines = f.read().decode("utf-8", "replace").splitlines()
        except (OSError, ValueError):
            lines = []
        _files[filename] = lines
    return lines[lineno - 1].strip() if 0 < lineno <= len(lines) else ""


def _frame_entry(code, lineno, frame):
    # The JSON of one frame, [file, line, function, code], cached: a chatty program emits from
    # the same few lines again and again.
    key = (code, lineno)
    cached = _frame_cache.get(key)
    if cached is not None:
        return cached
    filename = code.co_filename
    try:
        text = _source_line(filename, lineno, frame.f_globals)
    except Exception:
        text = ""
    entry = "[%s,%d,%s,%s]" % (_quote(_absolute(filename)), lineno, _quote(_qualname(code, frame)), _quote(text))
    if len(_frame_cache) > 50000:
        _frame_cache.clear()
    _frame_cache[key] = entry
    return entry


def _stack_from(frame, machinery=None):
    # The emitting machinery is dropped from the inner end; then one lean pass outward (this
    # runs for every event, on stacks that are often 50 frames deep).
    while frame is not None and _is_machinery(frame.f_code.co_filename, machinery):
        frame = frame.f_back
    cache = _frame_cache
    entries = []
    append = entries.append
    while frame is not None:
        code = frame.f_code
        line = frame.f_lineno or 0
        entry = cache.get((code, line))
        append(entry if entry is not None else _frame_entry(code, line, frame))
        frame = frame.f_back
    entries.reverse()
    return _bounded(entries)


def _stack_from_traceback(tb):
    entries = []
    while tb is not None:
        frame = tb.tb_frame
        entries.append(_frame_entry(frame.f_code, tb.tb_lineno or 0, frame))
        tb = tb.tb_next
    return _bounded(entries)


def _bounded(entries):
    if len(entries) <= _MAX_FRAMES:
        return entries, 0
    half = _MAX_FRAMES // 2
    return entries[:half] + entries[-half:], len(entries) - _MAX_FRAMES


# --- the channel ------------------------------------------------------------------------------
def _encode(value):
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, int):
        return str(int(value))
    return _quote(str(value))


_channel = [-1, -1]  # [descriptor, pid that opened it]


def _open_channel():
    fd = os.open(_PATH, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    # Moved far above the descriptors a program uses, so that a program which closes its
    # descriptors and opens files again does not get this number back while we still write to it.
    try:
        import fcntl

        high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 900)
        os.close(fd)
        fd = high
    except (ImportError, OSError):
        pass
    _channel[0], _channel[1] = fd, os.getpid()
    return fd


def _write_line(line):
    # A lone surrogate (surrogateescape text) is not valid UTF-8: it becomes "?".
    data = (line + "\n").encode("utf-8", "replace")
    fd = _channel[0]
    if fd < 0:
        fd = _open_channel()
    try:
        if os.fstat(fd).st_ino != _channel_inode[0]:
            raise OSError  # the program closed it and something else has the number now
        os.write(fd, data)
    except OSError:
        fd = _open_channel()
        _channel_inode[0] = os.fstat(fd).st_ino
        os.write(fd, data)


_channel_inode = [-1]


def _write(fields):
    _write_line("{" + ",".join('"%s":%s' % (k, _encode(v)) for k, v in fields.items()) + "}")


# Per process: kensa reads them all back; beyond this only a count (lowered by tests).
_MAX_EVENTS = int(os.environ.get("KENSA_TRACE_MAX_EVENTS", "100000"))
_counts = [0, 0]  # [recorded, not recorded]


def _count_dropped():
    try:
        _write_line('{"kind":"dropped","pid":%d,"count":%d}' % (os.getpid(), _counts[1]))
    except Exception:
        pass


def _record(kind, message, frames, omitted, **extra):
    # frames: the JSON of each frame (_frame_entry).
    if _counts[0] >= _MAX_EVENTS:
        if _counts[1] == 0:
            import atexit

            atexit.register(_count_dropped)
        _counts[1] += 1
        return
    _counts[0] += 1
    state = _state
    state.busy = True
    try:
        parts = ['"kind":%s,"message":%s,"pid":%d' % (_quote(kind), _quote(message), os.getpid())]
        parts.append('"frames":[%s]' % ",".join(frames))
        if omitted:
            parts.append('"frames_omitted":%d' % omitted)
        for key, value in extra.items():
            parts.append('"%s":%s' % (key, _encode(value)))
        _write_line("{" + ",".join(parts) + "}")
    except Exception:
        pass  # a full disk or a removed folder must not break the program
    finally:
        state.busy = False


def _record_stack(kind, message, frame, machinery=None, **extra):
    state = _state
    if state.busy:
        return
    if _MATCH is not None and _MATCH(message) is None:
        return
    state.busy = True
    try:
        frames, omitted = _stack_from(frame, machinery)
    except Exception:
        frames, omitted = [], 0
    finally:
        state.busy = False
    _record(kind, message, frames, omitted, **extra)


# --- print and the standard streams -----------------------------------------------------------
def _on_write(stream_name, text, depth):
    # While print(), a logging handler, a warning or the final traceback writes, the text is
    # collected (or ignored) by that wrapper instead of making a print event of its own.
    state = _state
    if state.busy:
        return
    capture = state.capture
    if capture is not None:
        capture.append((stream_name, text))
        return
    if text and _RECORD_PRINTS:
        _record_stack("print", text, sys._getframe(depth), stream=stream_name)


class _Stream(object):
    # Stands in for sys.stdout / sys.stderr: write() and writelines() are seen, everything else
    # (fileno, isatty, buffer, encoding, flush, reconfigure...) is the real stream's.
    __slots__ = ("_kensa_stream", "_kensa_name")

    def __init__(self, stream, name):
        object.__setattr__(self, "_kensa_stream", stream)
        object.__setattr__(self, "_kensa_name", name)

    def write(self, text):
        try:
            _on_write(self._kensa_name, text, 2)
        except Exception:
            pass
        return self._kensa_stream.write(text)

    def writelines(self, lines):
        lines = list(lines)
        try:
            _on_write(self._kensa_name, "".join(lines), 2)
        except Exception:
            pass
        return self._kensa_stream.writelines(lines)

    def __getattr__(self, name):
        return getattr(self._kensa_stream, name)

    def __setattr__(self, name, value):
        setattr(self._kensa_stream, name, value)

    def __delattr__(self, name):
        delattr(self._kensa_stream, name)

    def __repr__(self):
        return repr(self._kensa_stream)

    def __enter__(self):
        return self._kensa_stream.__enter__()

    def __exit__(self, *exc):
        return self._kensa_stream.__exit__(*exc)

    def __iter__(self):
        return iter(self._kensa_stream)


class _Capture(object):
    # Collects what the standard streams are given while a wrapped call runs.
    __slots__ = ("outer", "parts")

    def __enter__(self):
        state = _state
        self.outer = state.capture
        self.parts = state.capture = []
        return self

    def __exit__(self, *exc):
        _state.capture = self.outer
        return False

    def text(self):
        return "".join(text for _, text in self.parts)

    def stream(self):
        return self.parts[0][0] if self.parts else ""


def _install_print(builtins):
    original = builtins.print
    keywords = frozenset(("sep", "end", "file", "flush"))

    def print(*args, **kwargs):
        # Fast path for the standard streams: the text print() would write, written at once (the
        # same bytes as its piece-by-piece writes). Anything unusual goes to the original.
        state = _state
        if state.busy or not keywords.issuperset(kwargs):
            return original(*args, **kwargs)
        target = kwargs.get("file")
        if target is None:
            target = sys.stdout
            if target is None:
                return None
        if type(target) is not _Stream:  # a file of the program's own: not the terminal's
            return original(*args, **kwargs)
        sep = kwargs.get("sep")
        end = kwargs.get("end")
        try:
            if sep is None:
                sep = " "
            if end is None:
                end = "\n"
            if type(sep) is not str or type(end) is not str:
                raise TypeError
            text = sep.join([a if type(a) is str else str(a) for a in args]) + end
        except Exception:
            # Let print() raise its own error (a __str__ that fails runs a second time here).
            return original(*args, **kwargs)
        capture = state.capture
        if capture is not None:  # print() called by a wrapped machinery call (a traceback)
            capture.append((target._kensa_name, text))
        elif text and _RECORD_PRINTS:
            _record_stack("print", text, sys._getframe(1), stream=target._kensa_name)
        stream = target._kensa_stream
        stream.write(text)
        if kwargs.get("flush"):
            stream.flush()
        return None

    print.__doc__ = original.__doc__
    builtins.print = print


# --- warnings ---------------------------------------------------------------------------------
def _warning_text(message, category):
    if isinstance(message, Warning):
        category = message.__class__
    elif category is None:
        category = UserWarning
    name = getattr(category, "__name__", str(category))
    return "%s: %s" % (name, message), name


def _install_warnings():
    import warnings

    original_warn = warnings.warn
    original_explicit = warnings.warn_explicit

    def warn(message, category=None, stacklevel=1, source=None, *args, **kwargs):
        if not _state.busy and "warning" in _KINDS:
            try:
                text, name = _warning_text(message, category)
                _record_stack("warning", text, sys._getframe(1), category=name)
            except Exception:
                pass
        # One more level: the frame the original sees first is this wrapper's.
        level = max(stacklevel, 1) + 1 if isinstance(stacklevel, int) else stacklevel
        _state.in_warn += 1
        try:
            with _Capture():
                return original_warn(message, category, level, source, *args, **kwargs)
        finally:
            _state.in_warn -= 1

    def warn_explicit(message, category, *args, **kwargs):
        if not _state.busy and "warning" in _KINDS:
            try:
                text, name = _warning_text(message, category)
                _record_stack("warning", text, sys._getframe(1), category=name)
            except Exception:
                pass
        _state.in_warn += 1
        try:
            with _Capture():
                return original_explicit(message, category, *args, **kwargs)
        finally:
            _state.in_warn -= 1

    # A warning raised by C code (the compiler's invalid escape sequences, a C module) does not
    # call warnings.warn; it reaches Python only when it is shown, through _showwarnmsg.
    original_show = getattr(warnings, "_showwarnmsg", None)

    def _showwarnmsg(msg):
        if not _state.in_warn and not _state.busy and "warning" in _KINDS:
            try:
                text, name = _warning_text(msg.message, msg.category)
                _record_stack("warning", text, sys._getframe(1), category=name)
            except Exception:
                pass
        with _Capture():
            return original_show(msg)

    if original_show is not None:
        warnings._showwarnmsg = _showwarnmsg

    for new, old in ((warn, original_warn), (warn_explicit, original_explicit)):
        new.__doc__ = old.__doc__
        new.__wrapped__ = old
    warnings.warn = warn
    warnings.warn_explicit = warn_explicit


# --- logging ----------------------------------------------------------------------------------
class _OnImport(object):
    # Patches a module the moment the program imports it, so that tracing does not import it
    # (logging costs a Python several ms at startup) into programs that never use it.
    def __init__(self, name, patch):
        self.name = name
        self.patch = patch

    def find_spec(self, name, path=None, target=None):
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        import importlib.machinery

        spec = importlib.machinery.PathFinder.find_spec(name, path)
        loader = getattr(spec, "loader", None)
        exec_module = getattr(loader, "exec_module", None)
        if exec_module is None:
            return spec
        patch = self.patch

        def exec_and_patch(module):
            exec_module(module)
            try:
                patch(module)
            except Exception:
                pass

        loader.exec_module = exec_and_patch
        return spec


def _install_logging():
    if "logging" in sys.modules:
        _patch_logging(sys.modules["logging"])
    else:
        sys.meta_path.insert(0, _OnImport("logging", _patch_logging))


def _patch_logging(logging):
    original_handle = logging.Handler.handle

    def handle(self, record):
        if _state.busy:
            return original_handle(self, record)
        with _Capture() as capture:
            handled = original_handle(self, record)
        if handled and "logging" in _KINDS:
            text = capture.text()
            if not text:  # a handler that writes elsewhere (a file, a socket, a list)
                try:
                    _state.busy = True
                    text = self.format(record)
                except Exception:
                    text = str(getattr(record, "msg", ""))
                finally:
                    _state.busy = False
            if text.endswith("\n"):
                text = text[:-1]
            _record_stack(
                "logging", text, sys._getframe(1), "logging", level=record.levelname, logger=record.name
            )
        return handled

    handle.__doc__ = original_handle.__doc__
    handle.__wrapped__ = original_handle
    logging.Handler.handle = handle


# --- exceptions -------------------------------------------------------------------------------
def _exception_text(exc_type, value):
    # The last line(s) of the traceback. traceback is not imported for it (see _source_line);
    # without it the common form "module.Name: text" is built here.
    traceback = sys.modules.get("traceback")
    try:
        if traceback is not None:
            return "".join(traceback.format_exception_only(exc_type, value)).rstrip("\n")
        name = getattr(exc_type, "__qualname__", None) or exc_type.__name__
        module = getattr(exc_type, "__module__", None)
        if module not in (None, "__main__", "builtins"):
            name = module + "." + name
        text = str(value)
        return name + ": " + text if text else name
    except Exception:
        return getattr(exc_type, "__name__", "exception")


def _record_uncaught(exc_type, value, tb):
    exception = getattr(exc_type, "__name__", "")
    text = _exception_text(exc_type, value)
    if _MATCH is not None and _MATCH(text) is None:
        return
    frames, omitted = _stack_from_traceback(tb)
    _record("exception", text, frames, omitted, how="uncaught", exception=exception)


def _without_hook_frames(tb):
    # An exception that went through one of the wrappers (raised inside print(), an "error"
    # warnings filter) would show the wrapper's frame in the program's traceback.
    def ours(node):
        return os.path.dirname(node.tb_frame.f_code.co_filename) == _HERE

    while tb is not None and ours(tb):
        tb = tb.tb_next
    node = tb
    while node is not None:
        following = node.tb_next
        while following is not None and ours(following):
            following = following.tb_next
        if following is not node.tb_next:
            node.tb_next = following
        node = following
    return tb


def _install_excepthook():
    original = sys.excepthook

    def excepthook(exc_type, value, tb):
        try:
            tb = _without_hook_frames(tb)
            if value is not None and getattr(value, "__traceback__", None) is not tb:
                value.__traceback__ = tb
        except Exception:
            pass
        if "exception" in _KINDS:
            _state.in_excepthook = True
            try:
                _record_uncaught(exc_type, value, tb)
            except Exception:
                pass
            finally:
                _state.in_excepthook = False
        with _Capture():  # the traceback it prints is not a print
            _state.busy = True  # and what it raises and catches while printing is not raised
            try:
                return original(exc_type, value, tb)
            finally:
                _state.busy = False

    sys.excepthook = excepthook


def _raised(frame, exc, tb):
    # A raise is recorded once, in the frame it starts from: there its traceback has one entry
    # (the monitoring and tracing events fire again in each frame it passes through). The
    # tracer passes the traceback it is given: before 3.12 exc.__traceback__ lags behind.
    if tb is not None and (tb.tb_next is not None or tb.tb_frame is not frame):
        return
    if _state.busy:
        return
    # Not the import system's own lookups (every import raises and catches a few), nor what
    # kensa's hook does while it starts.
    filename = frame.f_code.co_filename
    if filename.startswith(("<frozen importlib", "<frozen zipimport")) or "/importlib/_bootstrap" in filename:
        return
    outer = frame
    while outer is not None:
        name = outer.f_code.co_filename
        if os.path.dirname(name) == _HERE or name == "<frozen site>" or name.endswith("/site.py"):
            return
        outer = outer.f_back
    _record_stack(
        "exception",
        _exception_text(type(exc), exc),
        frame,
        how="raised",
        exception=type(exc).__name__,
    )


def _install_raised():
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is not None:  # 3.12+: cheap, and does not take the tracing slot
        for tool in (4, 3, 5):
            if monitoring.get_tool(tool) is None:
                break
        else:
            return
        monitoring.use_tool_id(tool, "kensa trace")

        def on_raise(code, offset, exc):
            try:
                _raised(sys._getframe(1), exc, exc.__traceback__)
            except Exception:
                pass

        monitoring.register_callback(tool, monitoring.events.RAISE, on_raise)
        monitoring.set_events(tool, monitoring.events.RAISE)
        return

    import threading

    def local(frame, event, arg):
        if event == "exception":
            try:
                _raised(frame, arg[1], arg[2])
            except Exception:
                pass
        return local

    def global_tracer(frame, event, arg):
        frame.f_trace_lines = False  # only 'exception' events matter
        return local

    sys.settrace(global_tracer)
    threading.settrace(global_tracer)


# --- setup ------------------------------------------------------------------------------------
def install():
    global _state, _MATCH
    if not _PATH:
        return
    pattern = os.environ.get("KENSA_TRACE_MATCH")
    if pattern:
        try:
            import re

            _MATCH = re.compile(pattern).search
        except Exception:
            _MATCH = None  # kensa's own matching still selects
    import _thread
    import builtins

    class State(_thread._local):
        capture = None  # a list while a wrapper collects what the streams are given
        busy = False  # True while the hook itself runs: nothing it does is an event
        in_excepthook = False  # imports are not allowed (see _source_line)
        in_warn = 0  # inside warnings.warn / warn_explicit (their warnings are recorded there)

    _state = State()
    _write(
        {
            "kind": "start",
            "pid": os.getpid(),
            "ppid": os.getppid(),
            "python": sys.version.split()[0],
            "executable": sys.executable,
        }
    )
    # The wrappers are installed whatever the kinds: each records only its own kind, and while
    # it runs, what the machinery writes to the streams is its output, not a print.
    _install_warnings()
    _install_excepthook()
    if "print" in _KINDS or "logging" in _KINDS:
        _install_logging()
        _install_print(builtins)
        for name in ("stdout", "stderr"):
            stream = getattr(sys, name, None)
            if stream is not None:
                setattr(sys, name, _Stream(stream, name))
    if "exception" in _KINDS and _RAISED:
        _install_raised()
