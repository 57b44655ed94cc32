# PEP 701 f-strings for the 3.12 token differential test (tokens.py --version 3.12): each line
# exercises one tokenizer rule; the file must compile with CPython 3.12.
x = 1; y = 2; w = 10; p = 3; name = "n"
a = f"a{{b}}c"
b = f"{x!r:>{w}.{p}} {y=}"
c = rf'a\{x}'
d = f"{f"{1}"}"
e = f"""a
{x
+1}b"""
g = f"{x:{{}}}" if False else 0
h = f""
i = f"{x}"
j = f"a\nb{1}\N{EM DASH}"
k = f"{'nested' + "quotes"}"
l = f'{x:{w}}' f"{x!s}" F"{x!a}"
m = fR"\{x}\n{y}" Rf"{{}}"
n = f"""{
    x  # comment
    + y
}"""
o = f"{x = }" f"{x=:>10}" f"{x = !r:^{w}}"
q = f"{[1, 2][0]}" f"{ {1: 2}[1] }" f"{(lambda: 1)()}"
r = 0 if True else f"{x:%H:%M}" f"{x:{'>'}{w}}"
s = f'{"a" if x else "b"}' f'{x!r}' f'{x!=y}'
t = f"{x:}" f"{x:{y}}" f"{x:{y}d}"
u = f"\{{x}}" f"\\{x}" f"\\\\{x}"
v = f"{f'{f"{x}"}'}"
z = f'''{x:
>10}''' if False else 0
aa = f"{x}{y}{x}" f"{x} {y} " f"  "
bb = f"{'\n'.join([])}"
cc = f"{name!r:>{w}}"
dd = f"{3.14:.2f}" f"{1_000:,}" f"{x:#x}"
ee = f"""a\
b{x}"""
ff = f"{x}" "plain" f"{y}"
gg = f"{x:{y:{w}}}" if False else 0
hh = (f"a"
      f"{x}")
# A nested field inside a format spec leaves the tokenizer in the spec: "{{" opens a field.
ii = f"{x:{y}{{z}}}" f"{x:{y}>{w}}" f"{x:{y}}}}" if False else 0
