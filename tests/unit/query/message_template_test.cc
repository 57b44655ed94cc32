// Template extraction: each way of building a message, at each emitting call.
#include "query/message_template.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kensa::query {
namespace {

// "line emitter function: template" for each site, in source order.
std::vector<std::string> Sites(const std::string& code) {
  bool ok = false;
  std::vector<MessageSite> sites = ExtractMessageSitesFromBytes(code, &ok);
  EXPECT_TRUE(ok) << code;
  std::vector<std::string> out;
  for (const MessageSite& s : sites) {
    out.push_back(std::to_string(s.line) + " " + s.emitter + " " + s.function + ": " +
                  RenderTemplate(s.text));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(MessageTemplate, FStringWithImplicitConcatenationInLoggerWarning) {
  EXPECT_EQ(Sites("def _sanitize(name):\n"
                  "    logger.warning(\n"
                  "        f\"The module name {new} (originally {name}) is not valid. \"\n"
                  "        \"Please rename it.\"\n"
                  "    )\n"),
            V({"2 logger.warning _sanitize: The module name {new} (originally {name}) is not "
               "valid. Please rename it."}));
}

TEST(MessageTemplate, PercentFormatting) {
  EXPECT_EQ(Sites("raise ValueError('bad %s at %(pos)d, 100%% sure' % x)\n"),
            V({"1 raise ValueError : bad {x} at {pos}, 100% sure"}));
  EXPECT_EQ(Sites("raise ValueError('%s and %r' % (a, b.c))\n"),
            V({"1 raise ValueError : {a} and {b.c}"}));
}

TEST(MessageTemplate, LoggerArgumentsFormatLazily) {
  // logging applies % only when arguments follow the message.
  EXPECT_EQ(Sites("logging.info('loaded %s files', n)\nlogging.info('100%s')\n"),
            V({"1 logging.info : loaded {…} files", "2 logging.info : 100%s"}));
}

TEST(MessageTemplate, LogWithLevelTakesTheSecondArgument) {
  EXPECT_EQ(Sites("log.log(logging.WARNING, 'disk %s full', d)\n"),
            V({"1 log.log : disk {…} full"}));
}

TEST(MessageTemplate, StrFormat) {
  EXPECT_EQ(Sites("print('{} of {total:>5} {{braces}} {0[1]!r}'.format(a, b, total=3))\n"),
            V({"1 print : {…} of {total} {braces} {0[1]}"}));
}

TEST(MessageTemplate, ConcatenationAndJoin) {
  EXPECT_EQ(Sites("warnings.warn('a ' + str(x) + ' b')\n"
                  "sys.stderr.write(', '.join(['one', name, 'two']) + '\\n')\n"),
            V({"1 warnings.warn : a {str(x)} b", "2 sys.stderr.write : one, {name}, two\n"}));
}

TEST(MessageTemplate, JoinOfAListBuiltInTheFunction) {
  // diffusers' utils/check_inits.py shape: errors[0] = f"...", failures.append("\n".join(errors)).
  EXPECT_EQ(Sites("def check():\n"
                  "    failures = []\n"
                  "    for fname in names:\n"
                  "        errors = analyze(fname)\n"
                  "        errors[0] = f'Problem in {fname}, halves differ.\\n{errors[0]}'\n"
                  "        failures.append('\\n'.join(errors))\n"
                  "    raise ValueError('\\n\\n'.join(failures))\n"),
            V({"7 raise ValueError check: {…}Problem in {fname}, halves differ.\n{errors[0]}"}));
  EXPECT_EQ(Sites("print(', '.join(f'{k}={v}' for k, v in items))\n"), V({"1 print : {k}={v}"}));
}

TEST(MessageTemplate, LongConcatenationsKeepTheirStart) {
  std::string code = "raise ValueError('start'";
  for (int i = 0; i < 30; ++i)
    code += " + x" + std::to_string(i) + " + ' part" + std::to_string(i) + "'";
  code += ")\n";
  std::vector<std::string> sites = Sites(code);
  ASSERT_EQ(sites.size(), 1u);
  EXPECT_EQ(sites[0].substr(0, 40), "1 raise ValueError : start{x0} part0{x1}");
  EXPECT_NE(sites[0].find(" part29"), std::string::npos);
}

TEST(MessageTemplate, MessageBuiltInAVariable) {
  EXPECT_EQ(Sites("def f(path):\n"
                  "    msg = f'cannot open {path}'\n"
                  "    msg += ': no such file'\n"
                  "    raise OSError(msg)\n"),
            V({"4 raise OSError f: cannot open {path}: no such file"}));
}

TEST(MessageTemplate, EachAssignmentIsAnAlternative) {
  EXPECT_EQ(Sites("def f(c):\n"
                  "    if c:\n"
                  "        msg = 'first'\n"
                  "    else:\n"
                  "        msg = 'second'\n"
                  "    logger.error(msg)\n"),
            V({"6 logger.error f: first", "6 logger.error f: second"}));
}

TEST(MessageTemplate, ModuleConstantAndHelperFunction) {
  EXPECT_EQ(Sites("PREFIX = 'kensa: '\n"
                  "def _fmt(name):\n"
                  "    return PREFIX + f'{name} is missing'\n"
                  "class A:\n"
                  "    def run(self):\n"
                  "        raise KeyError(_fmt(self.key))\n"),
            V({"6 raise KeyError A.run: kensa: {self.key} is missing"}));
}

TEST(MessageTemplate, ExceptionClassStrAndInit) {
  EXPECT_EQ(Sites("class BadName(ValueError):\n"
                  "    def __init__(self, name):\n"
                  "        super().__init__(f'bad name {name}')\n"
                  "class Other(Exception):\n"
                  "    def __str__(self):\n"
                  "        return 'other: %s' % self.x\n"),
            V({"3 super().__init__ BadName.__init__: bad name {name}",
               "6 str(Other) Other.__str__: other: {self.x}"}));
}

TEST(MessageTemplate, RaisingAClassThatBuildsItsMessage) {
  // calendar.IllegalMonthError's shape: the raise passes a value, the class formats it.
  EXPECT_EQ(
      Sites("class IllegalMonthError(ValueError):\n"
            "    def __init__(self, month):\n"
            "        self.month = month\n"
            "    def __str__(self):\n"
            "        return 'bad month number %r; must be 1-12' % self.month\n"
            "def monthrange(year, month):\n"
            "    raise IllegalMonthError(month)\n"),
      V({"5 str(IllegalMonthError) IllegalMonthError.__str__: bad month number "
         "{self.month}; must be 1-12",
         "7 raise IllegalMonthError monthrange: bad month number {self.month}; must be 1-12"}));
}

TEST(MessageTemplate, HelperParametersTakeTheCallersArguments) {
  EXPECT_EQ(Sites("def _msg(what, where='here'):\n"
                  "    return f'{what} is missing from {where}'\n"
                  "def f(x):\n"
                  "    logger.error(_msg('the key', where=x))\n"),
            V({"4 logger.error f: the key is missing from {x}"}));
}

TEST(MessageTemplate, RaiseOfAHelperReturningTheException) {
  // tomllib's shape: raise suffixed_err(src, pos, "Invalid value").
  EXPECT_EQ(Sites("def suffixed_err(src, pos, msg):\n"
                  "    return ValueError(f'{msg} (at {pos})')\n"
                  "def parse(src, pos):\n"
                  "    raise suffixed_err(src, pos, 'Invalid value')\n"),
            V({"4 raise suffixed_err parse: Invalid value (at {pos})"}));
}

TEST(MessageTemplate, ConstructorArgumentsReachTheBaseInitMessage) {
  // json.decoder.JSONDecodeError's shape.
  EXPECT_EQ(Sites("class DecodeError(ValueError):\n"
                  "    def __init__(self, msg, doc, pos):\n"
                  "        errmsg = '%s: line %d' % (msg, pos)\n"
                  "        ValueError.__init__(self, errmsg)\n"
                  "def decode(s):\n"
                  "    raise DecodeError('Expecting value', s, 0) from None\n"),
            V({"4 ValueError.__init__ DecodeError.__init__: {msg}: line {pos}",
               "6 raise DecodeError decode: Expecting value",
               "6 raise DecodeError decode: Expecting value: line {0}"}));
}

TEST(MessageTemplate, PrintJoinsItsArgumentsWithSep) {
  EXPECT_EQ(Sites("print('a', x, 'b')\nprint('a', 'b', sep='-')\n"),
            V({"1 print : a {x} b", "2 print : a-b"}));
}

TEST(MessageTemplate, NestedFunctionsAndWarningOnce) {
  EXPECT_EQ(Sites("class A:\n"
                  "    def f(self):\n"
                  "        def inner():\n"
                  "            logger.warning_once('only once')\n"),
            V({"4 logger.warning_once A.f.inner: only once"}));
}

TEST(MessageTemplate, ValuesWithoutLiteralTextAreNoSite) {
  EXPECT_EQ(Sites("def f(msg):\n    raise ValueError(msg)\nprint(x)\nlogger.info(1)\n"), V({}));
}

TEST(MessageTemplate, MessagePassedByName) {
  EXPECT_EQ(Sites("warnings.warn(message='old API', category=DeprecationWarning)\n"
                  "logger.log(level=10, msg=f'at {x}')\n"),
            V({"1 warnings.warn : old API", "2 logger.log : at {x}"}));
}

TEST(MessageTemplate, GettextIsTheTextItself) {
  EXPECT_EQ(Sites("def f(n):\n"
                  "    msg = _('unrecognized arguments: %s')\n"
                  "    raise TypeError(msg % n)\n"
                  "    raise ValueError(ngettext('one file', '%d files', n) % n)\n"),
            V({"3 raise TypeError f: unrecognized arguments: {n}", "4 raise ValueError f: one file",
               "4 raise ValueError f: {n} files"}));
}

TEST(MessageTemplate, TheCModuleOfWarningsToo) {
  std::vector<MessageSite> sites = ExtractMessageSitesFromBytes("_warnings.warn('old')\n");
  ASSERT_EQ(sites.size(), 1u);
  EXPECT_EQ(sites[0].kind, EmitKind::kWarn);
}

TEST(MessageTemplate, AWarningInstanceCarriesItsMessage) {
  EXPECT_EQ(Sites("warnings.warn(DeprecationWarning(f'{name} is deprecated'))\n"),
            V({"1 warnings.warn : {name} is deprecated"}));
}

TEST(MessageTemplate, AParameterMayHoldItsDefault) {
  // warnings._deprecated's shape.
  EXPECT_EQ(Sites("_MSG = '{name!r} is deprecated; remove by {remove}'\n"
                  "def _deprecated(name, message=_MSG, *, remove):\n"
                  "    msg = message.format(name=name, remove=remove)\n"
                  "    warnings.warn(msg, DeprecationWarning)\n"),
            V({"4 warnings.warn _deprecated: {name} is deprecated; remove by {remove}"}));
}

TEST(MessageTemplate, AHelperThatEmitsWhatItIsGiven) {
  EXPECT_EQ(Sites("def _warn(what, level='minor'):\n"
                  "    logger.warning(f'[{level}] {what}')\n"
                  "def f(x):\n"
                  "    _warn(f'{x} is not supported')\n"
                  "    _warn(x)\n"),
            // _warn(x) passes no text: no site at line 5. A field with a default stays a hole
            // (only a single known value is filled into an f-string).
            V({"2 logger.warning _warn: [{level}] {what}",
               "4 _warn() → logger.warning f: [{level}] {x} is not supported"}));
}

TEST(MessageTemplate, SysExitAndStdoutWrite) {
  EXPECT_EQ(Sites("sys.exit('usage: tool FILE')\nsys.stdout.write('done\\n')\n"),
            V({"1 sys.exit : usage: tool FILE", "2 sys.stdout.write : done\n"}));
}

TEST(MessageTemplate, ConditionalExpression) {
  EXPECT_EQ(Sites("raise TypeError('expected int' if a else 'expected str')\n"),
            V({"1 raise TypeError : expected int", "1 raise TypeError : expected str"}));
}

TEST(MessageTemplate, UnparsableFileHasNoSites) {
  bool ok = true;
  EXPECT_TRUE(ExtractMessageSitesFromBytes("def (:\n", &ok).empty());
  EXPECT_FALSE(ok);
}

}  // namespace
}  // namespace kensa::query
