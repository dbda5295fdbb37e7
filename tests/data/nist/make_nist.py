#!/usr/bin/env python3
"""Write the NIST StRD reference data our tests use, in our own simple CSV form.

    python3 tests/data/nist/make_nist.py [OUTDIR]      (default: this script's folder)
    python3 tests/data/nist/make_nist.py --ceiling     (print the double-precision ceilings)

Writes one CSV per dataset (a header row, then the observations) and certified.csv
(dataset,quantity,value) with NIST's certified values, then checks every dataset against its
certified values with exact rational arithmetic (fractions.Fraction; square roots in 40-digit
decimal), so a transcription error anywhere stops the script.

--ceiling prints, per dataset, how many digits (LRE) the *exact* result for the data rounded to
double agrees with the certified values: the most a double-precision program can be sure of.

The NIST Statistical Reference Datasets are public-domain works of the US government
(https://www.itl.nist.gov/div898/strd/). The numbers below were transcribed from the
repositories listed in SOURCES.md; the generated sets (Wampler1, Wampler2, NumAcc1-4,
PiDigits) are rebuilt from NIST's own description of how they were made.
"""
import decimal
import os
import sys
from fractions import Fraction as F

# --------------------------------------------------------------------------- regression data

NORRIS_X = """0.2 337.4 118.2 884.6 10.1 226.5 666.3 996.3 448.6 777.0 558.2 0.4 0.6 775.5 666.9
338.0 447.5 11.6 556.0 228.1 995.8 887.6 120.2 0.3 0.3 556.8 339.1 887.2 999.0 779.0 11.1 118.3
229.2 669.1 448.9 0.5"""
NORRIS_Y = """0.1 338.8 118.1 888.0 9.2 228.1 668.5 998.5 449.1 778.9 559.2 0.3 0.1 778.1 668.8
339.3 448.9 10.8 557.7 228.3 998.0 888.8 119.6 0.3 0.6 557.6 339.3 888.0 998.5 778.9 10.2 117.6
228.9 668.4 449.2 0.2"""

PONTIUS_Y = """.11019 .21956 .32949 .43899 .54803 .65694 .76562 .87487 .98292 1.09146 1.20001
1.30822 1.41599 1.52399 1.63194 1.73947 1.84646 1.95392 2.06128 2.16844 .11052 .22018 .32939
.43886 .54798 .65739 .76596 .87474 .98300 1.09150 1.20004 1.30818 1.41613 1.52408 1.63159
1.73965 1.84696 1.95445 2.06177 2.16829"""
PONTIUS_X = " ".join([str(150000 * k) for k in range(1, 21)] * 2)  # 150000 .. 3000000, twice

FILIP_X = """-6.860120914 -4.324130045 -4.358625055 -4.358426747 -6.955852379 -6.661145254
-6.355462942 -6.118102026 -7.115148017 -6.815308569 -6.519993057 -6.204119983 -5.853871964
-6.109523091 -5.79832982 -5.482672118 -5.171791386 -4.851705903 -4.517126416 -4.143573228
-3.709075441 -3.499489089 -6.300769497 -5.953504836 -5.642065153 -5.031376979 -4.680685696
-4.329846955 -3.928486195 -8.56735134 -8.363211311 -8.107682739 -7.823908741 -7.522878745
-7.218819279 -6.920818754 -6.628932138 -6.323946875 -5.991399828 -8.781464495 -8.663140179
-8.473531488 -8.247337057 -7.971428747 -7.676129393 -7.352812702 -7.072065318 -6.774174009
-6.478861916 -6.159517513 -6.835647144 -6.53165267 -6.224098421 -5.910094889 -5.598599459
-5.290645224 -4.974284616 -4.64454848 -4.290560426 -3.885055584 -3.408378962 -3.13200249
-8.726767166 -8.66695597 -8.511026475 -8.165388579 -7.886056648 -7.588043762 -7.283412422
-6.995678626 -6.691862621 -6.392544977 -6.067374056 -6.684029655 -6.378719832 -6.065855188
-5.752272167 -5.132414673 -4.811352704 -4.098269308 -3.66174277 -3.2644011"""
FILIP_Y = """0.8116 0.9072 0.9052 0.9039 0.8053 0.8377 0.8667 0.8809 0.7975 0.8162 0.8515 0.8766
0.8885 0.8859 0.8959 0.8913 0.8959 0.8971 0.9021 0.909 0.9139 0.9199 0.8692 0.8872 0.89 0.891
0.8977 0.9035 0.9078 0.7675 0.7705 0.7713 0.7736 0.7775 0.7841 0.7971 0.8329 0.8641 0.8804
0.7668 0.7633 0.7678 0.7697 0.77 0.7749 0.7796 0.7897 0.8131 0.8498 0.8741 0.8061 0.846 0.8751
0.8856 0.8919 0.8934 0.894 0.8957 0.9047 0.9129 0.9209 0.9219 0.7739 0.7681 0.7665 0.7703
0.7702 0.7761 0.7809 0.7961 0.8253 0.8602 0.8809 0.8301 0.8664 0.8834 0.8898 0.8964 0.8963
0.9074 0.9119 0.9228"""

# y, x1 (GNP deflator), x2 (GNP), x3 (unemployed), x4 (armed forces), x5 (population), x6 (year)
LONGLEY = """60323 83.0 234289 2356 1590 107608 1947
61122 88.5 259426 2325 1456 108632 1948
60171 88.2 258054 3682 1616 109773 1949
61187 89.5 284599 3351 1650 110929 1950
63221 96.2 328975 2099 3099 112075 1951
63639 98.1 346999 1932 3594 113270 1952
64989 99.0 365385 1870 3547 115094 1953
63761 100.0 363112 3578 3350 116219 1954
66019 101.2 397469 2904 3048 117388 1955
67857 104.6 419180 2822 2857 118734 1956
68169 108.4 442769 2936 2798 120445 1957
66513 110.8 444546 4681 2637 121950 1958
68655 112.6 482704 3813 2552 123366 1959
69564 114.2 502601 3931 2514 125368 1960
69331 115.7 518173 4806 2572 127852 1961
70551 116.9 554894 4007 2827 130081 1962"""

WAMPLER3_Y = """760 -2042 2111 -1684 3888 1858 11379 17560 39287 64382 113159 175108 273291 400186
581243 811568 1121004 1506550 2002767 2611612 3369180"""
WAMPLER4_Y = """75901 -204794 204863 -204436 253665 -200894 214131 -185192 221249 -138370 315911
-27644 455253 197434 783995 608816 1370781 1303798 2205519 2408860 3444321"""
WAMPLER5_Y = """7590001 -20479994 20480063 -20479636 25231365 -20476094 20489331 -20460392 18417449
-20413570 20591111 -20302844 18651453 -20077766 21059195 -19666384 26348481 -18971402 22480719
-17866340 10958421"""
# Wampler2 as printed by NIST (checked against the generating polynomial below).
WAMPLER2_Y = """1.00000 1.11111 1.24992 1.42753 1.65984 1.96875 2.38336 2.94117 3.68928 4.68559
6.00000 7.71561 9.92992 12.75603 16.32384 20.78125 26.29536 33.05367 41.26528 51.16209
63.00000"""

# ---------------------------------------------------------------------------- univariate data

LEW = """-213 -564 -35 -15 141 115 -420 -360 203 -338 -431 194 -220 -513 154 -125 -559 92 -21 -579
-52 99 -543 -175 162 -457 -346 204 -300 -474 164 -107 -572 -8 83 -541 -224 180 -420 -374 201
-236 -531 83 27 -564 -112 131 -507 -254 199 -311 -495 143 -46 -579 -90 136 -472 -338 202 -287
-477 169 -124 -568 17 48 -568 -135 162 -430 -422 172 -74 -577 -13 92 -534 -243 194 -355 -465
156 -81 -578 -64 139 -449 -384 193 -198 -538 110 -44 -577 -6 66 -552 -164 161 -460 -344 205
-281 -504 134 -28 -576 -118 156 -437 -381 200 -220 -540 83 11 -568 -160 172 -414 -408 188
-125 -572 -32 139 -492 -321 205 -262 -504 142 -83 -574 0 48 -571 -106 137 -501 -266 190 -391
-406 194 -186 -553 83 -13 -577 -49 103 -515 -280 201 300 -506 131 -45 -578 -80 138 -462 -361
201 -211 -554 32 74 -533 -235 187 -372 -442 182 -147 -566 25 68 -535 -244 194 -351 -463 174
-125 -570 15 72 -550 -190 172 -424 -385 198 -218 -536 96"""

LOTTERY = """162 671 933 414 788 730 817 33 536 875 670 236 473 167 877 980 316 950 456 92 517
557 956 954 104 178 794 278 147 773 437 435 502 610 582 780 689 562 964 791 28 97 848 281 858
538 660 972 671 613 867 448 738 966 139 636 847 659 754 243 122 455 195 968 793 59 730 361 574
522 97 762 431 158 429 414 22 629 788 999 187 215 810 782 47 34 108 986 25 644 829 630 315 567
919 331 207 412 242 607 668 944 749 168 864 442 533 805 372 63 458 777 416 340 436 140 919 350
510 572 905 900 85 389 473 758 444 169 625 692 140 897 672 288 312 860 724 226 884 508 976 741
476 417 831 15 318 432 241 114 799 955 833 358 935 146 630 830 440 642 356 373 271 715 367 393
190 669 8 861 108 795 269 590 326 866 64 523 862 840 219 382 998 4 628 305 747 247 34 747 729
645 856 974 24 568 24 694 608 480 410 729 947 293 53 930 223 203 677 227 62 455 387 318 562
242 428 968"""

MAVRO = """2.00180 2.00170 2.00180 2.00190 2.00180 2.00170 2.00150 2.00140 2.00150 2.00150
2.00170 2.00180 2.00180 2.00190 2.00190 2.00210 2.00200 2.00160 2.00140 2.00130 2.00130 2.00150
2.00150 2.00160 2.00150 2.00140 2.00130 2.00140 2.00150 2.00140 2.00150 2.00160 2.00150 2.00160
2.00190 2.00200 2.00200 2.00210 2.00220 2.00230 2.00240 2.00250 2.00270 2.00260 2.00260 2.00260
2.00270 2.00260 2.00250 2.00240"""

MICHELSO = """299.85 299.74 299.90 300.07 299.93 299.85 299.95 299.98 299.98 299.88 300.00 299.98
299.93 299.65 299.76 299.81 300.00 300.00 299.96 299.96 299.96 299.94 299.96 299.94 299.88
299.80 299.85 299.88 299.90 299.84 299.83 299.79 299.81 299.88 299.88 299.83 299.80 299.79
299.76 299.80 299.88 299.88 299.88 299.86 299.72 299.72 299.62 299.86 299.97 299.95 299.88
299.91 299.85 299.87 299.84 299.84 299.85 299.84 299.84 299.84 299.89 299.81 299.81 299.82
299.80 299.77 299.76 299.74 299.75 299.76 299.91 299.92 299.89 299.86 299.88 299.72 299.84
299.85 299.85 299.78 299.89 299.84 299.78 299.81 299.76 299.81 299.79 299.81 299.82 299.85
299.87 299.87 299.81 299.74 299.81 299.94 299.95 299.80 299.81 299.87"""


def pi_digits(n):
    """The first n decimal digits of pi (3, 1, 4, 1, 5, ...) by Machin's formula in integers."""
    guard = 10
    scale = 10 ** (n - 1 + guard)

    def arctan_inv(m):
        total, term, k, sign = 0, scale // m, 1, 1
        while term:
            total += sign * (term // k)
            term //= m * m
            k += 2
            sign = -sign
        return total

    pi = 4 * (4 * arctan_inv(5) - arctan_inv(239)) // 10 ** guard
    digits = []
    for _ in range(n):
        pi, d = divmod(pi, 10)
        digits.append(d)
    return digits[::-1]


def numacc(first, low, high):
    """NIST's NumAcc2-4 construction: one value, then 500 pairs (low, high)."""
    return [first] + [low, high] * 500


# --------------------------------------------------------------------------- certified values
# Regression: term -> (estimate, standard deviation of estimate), then residual SD, R-squared.

CERT_REG = {
    "Norris": ([("intercept", "-0.262323073774029", "0.232818234301152"),
                ("x", "1.00211681802045", "0.429796848199937E-03")],
               "0.884796396144373", "0.999993745883712"),
    "Pontius": ([("intercept", "0.673565789473684E-03", "0.107938612033077E-03"),
                 ("x", "0.732059160401003E-06", "0.157817399981659E-09"),
                 ("x^2", "-0.316081871345029E-14", "0.486652849992036E-16")],
                "0.205177424076185E-03", "0.999999900178537"),
    "NoInt1": ([("x", "2.07438016528926", "0.165289256198347E-01")],
               "3.56753034006338", "0.999365492298663"),
    "NoInt2": ([("x", "0.727272727272727", "0.420827318078432E-01")],
               "0.369274472937998", "0.993348115299335"),
    "Filip": ([("intercept", "-1467.48961422980", "298.084530995537"),
               ("x", "-2772.17959193342", "559.779865474950"),
               ("x^2", "-2316.37108160893", "466.477572127796"),
               ("x^3", "-1127.97394098372", "227.204274477751"),
               ("x^4", "-354.478233703349", "71.6478660875927"),
               ("x^5", "-75.1242017393757", "15.2897178747400"),
               ("x^6", "-10.8753180355343", "2.23691159816033"),
               ("x^7", "-1.06221498588947", "0.221624321934227"),
               ("x^8", "-0.670191154593408E-01", "0.142363763154724E-01"),
               ("x^9", "-0.246781078275479E-02", "0.535617408889821E-03"),
               ("x^10", "-0.402962525080404E-04", "0.896632837373868E-05")],
              "0.334801051324544E-02", "0.996727416185620"),
    "Longley": ([("intercept", "-3482258.63459582", "890420.383607373"),
                 ("x1", "15.0618722713733", "84.9149257747669"),
                 ("x2", "-0.358191792925910E-01", "0.334910077722432E-01"),
                 ("x3", "-2.02022980381683", "0.488399681651699"),
                 ("x4", "-1.03322686717359", "0.214274163161675"),
                 ("x5", "-0.511041056535807E-01", "0.226073200069370"),
                 ("x6", "1829.15146461355", "455.478499142212")],
                "304.854073561965", "0.995479004577296"),
}
POLY_TERMS = ["intercept", "x", "x^2", "x^3", "x^4", "x^5"]
CERT_REG["Wampler1"] = ([(t, "1", "0") for t in POLY_TERMS], "0", "1")
CERT_REG["Wampler2"] = ([(t, v, "0") for t, v in zip(
    POLY_TERMS, ["1", "0.1", "0.01", "0.001", "0.0001", "0.00001"])], "0", "1")
CERT_REG["Wampler3"] = ([(t, "1", s) for t, s in zip(POLY_TERMS, [
    "2152.32624678170", "2363.55173469681", "779.343524331583", "101.475507550350",
    "5.64566512170752", "0.112324854679312"])], "2360.14502379268", "0.999995559025820")
CERT_REG["Wampler4"] = ([(t, "1", s) for t, s in zip(POLY_TERMS, [
    "215232.624678170", "236355.173469681", "77934.3524331583", "10147.5507550350",
    "564.566512170752", "11.2324854679312"])], "236014.502379268", "0.957478440825662")
CERT_REG["Wampler5"] = ([(t, "1", s) for t, s in zip(POLY_TERMS, [
    "21523262.4678170", "23635517.3469681", "7793435.24331583", "1014755.07550350",
    "56456.6512170752", "1123.24854679312"])], "23601450.2379268", "0.224668921574940E-02")

# Univariate: mean, standard deviation, lag-1 autocorrelation.
CERT_UNIV = {
    "Lew": ("-177.435000000000", "277.332168044316", "-0.307304800605679"),
    "Lottery": ("518.958715596330", "291.699727470969", "-0.120948622967393"),
    "Mavro": ("2.00185600000000", "0.429123454003053E-03", "0.937989183438248"),
    "Michelso": ("299.852400000000", "0.790105478190518E-01", "0.535199668621283"),
    "NumAcc1": ("10000002", "1", "-0.5"),
    "NumAcc2": ("1.2", "0.1", "-0.999"),
    "NumAcc3": ("1000000.2", "0.1", "-0.999"),
    "NumAcc4": ("10000000.2", "0.1", "-0.999"),
    "PiDigits": ("4.53480000000000", "2.86733906028871", "-0.355099287237972E-02"),
}

# Model of each regression set: (predictor columns, polynomial degree, intercept).
MODELS = {
    "Norris": (["x"], 1, True), "Pontius": (["x"], 2, True), "NoInt1": (["x"], 1, False),
    "NoInt2": (["x"], 1, False), "Filip": (["x"], 10, True),
    "Longley": (["x1", "x2", "x3", "x4", "x5", "x6"], 1, True),
    "Wampler1": (["x"], 5, True), "Wampler2": (["x"], 5, True), "Wampler3": (["x"], 5, True),
    "Wampler4": (["x"], 5, True), "Wampler5": (["x"], 5, True),
}


def words(text):
    return text.split()


def regression_tables():
    """dataset -> (header, rows of strings)."""
    t = {}
    t["Norris"] = (["y", "x"], list(zip(words(NORRIS_Y), words(NORRIS_X))))
    t["Pontius"] = (["y", "x"], list(zip(words(PONTIUS_Y), words(PONTIUS_X))))
    t["NoInt1"] = (["y", "x"], [(str(130 + i), str(60 + i)) for i in range(11)])
    t["NoInt2"] = (["y", "x"], [("3", "4"), ("4", "5"), ("4", "6")])
    t["Filip"] = (["y", "x"], list(zip(words(FILIP_Y), words(FILIP_X))))
    t["Longley"] = (["y", "x1", "x2", "x3", "x4", "x5", "x6"],
                    [tuple(line.split()) for line in LONGLEY.splitlines()])
    xs = [str(x) for x in range(21)]
    w1 = [str(sum(x ** k for k in range(6))) for x in range(21)]
    w2 = [sum(F(x, 10) ** k for k in range(6)) for x in range(21)]
    assert [F(v) for v in words(WAMPLER2_Y)] == w2, "Wampler2 differs from its polynomial"
    t["Wampler1"] = (["y", "x"], list(zip(w1, xs)))
    t["Wampler2"] = (["y", "x"], list(zip(words(WAMPLER2_Y), xs)))
    t["Wampler3"] = (["y", "x"], list(zip(words(WAMPLER3_Y), xs)))
    t["Wampler4"] = (["y", "x"], list(zip(words(WAMPLER4_Y), xs)))
    t["Wampler5"] = (["y", "x"], list(zip(words(WAMPLER5_Y), xs)))
    return t


def univariate_tables():
    t = {
        "Lew": words(LEW), "Lottery": words(LOTTERY), "Mavro": words(MAVRO),
        "Michelso": words(MICHELSO), "NumAcc1": ["10000001", "10000003", "10000002"],
        "NumAcc2": numacc("1.2", "1.1", "1.3"),
        "NumAcc3": numacc("1000000.2", "1000000.1", "1000000.3"),
        "NumAcc4": numacc("10000000.2", "10000000.1", "10000000.3"),
        "PiDigits": [str(d) for d in pi_digits(5000)],
    }
    # NIST's PiDigits.dat is not quite pi: its digit 957 (1-based, counting the leading 3) is
    # a 3 where pi has an 8. The certified mean 4.5348 (sum 22674) is of NIST's digits.
    assert t["PiDigits"][956] == "8"
    t["PiDigits"][956] = "3"
    sizes = {"Lew": 200, "Lottery": 218, "Mavro": 50, "Michelso": 100, "NumAcc1": 3,
             "NumAcc2": 1001, "NumAcc3": 1001, "NumAcc4": 1001, "PiDigits": 5000}
    for k, n in sizes.items():
        assert len(t[k]) == n, (k, len(t[k]))
    return t


# ------------------------------------------------------------------- exact checks (Fraction)

decimal.getcontext().prec = 40


def dsqrt(q):
    return (decimal.Decimal(q.numerator) / decimal.Decimal(q.denominator)).sqrt()


def agree(name, got, cert):
    """got: Decimal or Fraction; cert: string. Certified values carry 15 significant digits."""
    c = decimal.Decimal(cert)
    g = decimal.Decimal(got.numerator) / decimal.Decimal(got.denominator) if isinstance(
        got, F) else got
    if c == 0:
        ok = abs(g) < decimal.Decimal("1e-30")
    else:
        ok = abs((g - c) / c) < decimal.Decimal("5e-15")
    if not ok:
        raise SystemExit(f"{name}: exact value {g} does not match certified {cert}")


def solve(a, b):
    """Solve a x = b exactly (Gauss-Jordan on Fractions); returns x and a^-1."""
    n = len(a)
    m = [row[:] + [b[i]] + [F(int(i == j)) for j in range(n)] for i, row in enumerate(a)]
    for c in range(n):
        p = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[p] = m[p], m[c]
        piv = m[c][c]
        m[c] = [v / piv for v in m[c]]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c]
                m[r] = [vr - f * vc for vr, vc in zip(m[r], m[c])]
    return [m[i][n] for i in range(n)], [m[i][n + 1:] for i in range(n)]


def check_regression(name, header, rows):
    cols, degree, intercept = MODELS[name]
    y = [F(r[0]) for r in rows]
    xs = [[F(r[header.index(c)]) for c in cols] for r in rows]
    design = []
    for xr in xs:
        terms = [F(1)] if intercept else []
        terms += [xr[0] ** k for k in range(1, degree + 1)] if degree > 1 else xr
        design.append(terms)
    p = len(design[0])
    xtx = [[sum(d[i] * d[j] for d in design) for j in range(p)] for i in range(p)]
    xty = [sum(d[i] * yy for d, yy in zip(design, y)) for i in range(p)]
    b, inv = solve(xtx, xty)
    sse = sum((yy - sum(bi * di for bi, di in zip(b, d))) ** 2 for d, yy in zip(design, y))
    df = len(y) - p
    s2 = sse / df
    ybar = sum(y) / len(y)
    sst = sum((yy - ybar) ** 2 for yy in y) if intercept else sum(yy ** 2 for yy in y)
    terms, rsd, r2 = CERT_REG[name]
    assert len(terms) == p, name
    for i, (term, est, se) in enumerate(terms):
        agree(f"{name} estimate {term}", b[i], est)
        agree(f"{name} std_error {term}", dsqrt(s2 * inv[i][i]), se)
    agree(f"{name} residual_sd", dsqrt(s2), rsd)
    agree(f"{name} r_squared", 1 - sse / sst, r2)


def check_univariate(name, values):
    x = [F(v) for v in values]
    n = len(x)
    m = sum(x) / n
    ss = sum((v - m) ** 2 for v in x)
    lag = sum((x[i] - m) * (x[i - 1] - m) for i in range(1, n)) / ss
    mean, sd, lag1 = CERT_UNIV[name]
    agree(f"{name} mean", m, mean)
    agree(f"{name} sd", dsqrt(ss / (n - 1)), sd)
    agree(f"{name} lag1_autocorrelation", lag, lag1)


# ----------------------------------------------------------------- double-precision ceilings

def lre(got, cert):
    """NIST's log relative error of a Decimal against a certified string (capped at 16)."""
    c = decimal.Decimal(cert)
    e = abs(got) if c == 0 else abs((got - c) / c)
    return 16.0 if e == 0 else min(16.0, float(-e.log10()))


def as_double(s):
    return F(float(s))


def ceilings():
    def dec(q):
        return decimal.Decimal(q.numerator) / decimal.Decimal(q.denominator)

    for name, (header, rows) in regression_tables().items():
        cols, degree, intercept = MODELS[name]
        y = [as_double(r[0]) for r in rows]
        design = []
        for r in rows:
            xr = [as_double(r[header.index(c)]) for c in cols]
            terms = [F(1)] if intercept else []
            terms += [xr[0] ** k for k in range(1, degree + 1)] if degree > 1 else xr
            design.append(terms)
        p = len(design[0])
        xtx = [[sum(d[i] * d[j] for d in design) for j in range(p)] for i in range(p)]
        b, inv = solve(xtx, [sum(d[i] * yy for d, yy in zip(design, y)) for i in range(p)])
        sse = sum((yy - sum(bi * di for bi, di in zip(b, d))) ** 2 for d, yy in zip(design, y))
        s2 = sse / (len(y) - p)
        ybar = sum(y) / len(y)
        sst = sum((yy - ybar) ** 2 for yy in y) if intercept else sum(yy ** 2 for yy in y)
        terms, rsd, r2 = CERT_REG[name]
        est = min(lre(dec(b[i]), t[1]) for i, t in enumerate(terms))
        se = min(lre(dsqrt(s2 * inv[i][i]), t[2]) for i, t in enumerate(terms))
        print(f"{name:9s} estimates {est:4.1f}  std errors {se:4.1f}  residual sd "
              f"{lre(dsqrt(s2), rsd):4.1f}  R-squared {lre(dec(1 - sse / sst), r2):4.1f}")
    for name, values in univariate_tables().items():
        x = [as_double(v) for v in values]
        n = len(x)
        m = sum(x) / n
        ss = sum((v - m) ** 2 for v in x)
        lag = sum((x[i] - m) * (x[i - 1] - m) for i in range(1, n)) / ss
        mean, sd, lag1 = CERT_UNIV[name]
        print(f"{name:9s} mean {lre(dec(m), mean):4.1f}  sd {lre(dsqrt(ss / (n - 1)), sd):4.1f}  "
              f"lag-1 autocorrelation {lre(dec(lag), lag1):4.1f}")


# ---------------------------------------------------------------------------------- output

def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")


def main():
    if sys.argv[1:] == ["--ceiling"]:
        ceilings()
        return
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    cert = []
    for name, (header, rows) in regression_tables().items():
        check_regression(name, header, rows)
        write_csv(os.path.join(out, name + ".csv"), header, rows)
        terms, rsd, r2 = CERT_REG[name]
        for term, est, se in terms:
            cert.append((name, "estimate:" + term, est))
            cert.append((name, "std_error:" + term, se))
        cert.append((name, "residual_sd", rsd))
        cert.append((name, "r_squared", r2))
    for name, values in univariate_tables().items():
        check_univariate(name, values)
        write_csv(os.path.join(out, name + ".csv"), ["y"], [(v,) for v in values])
        for q, v in zip(("mean", "sd", "lag1_autocorrelation"), CERT_UNIV[name]):
            cert.append((name, q, v))
    write_csv(os.path.join(out, "certified.csv"), ["dataset", "quantity", "value"], cert)
    print(f"wrote {len(MODELS) + len(CERT_UNIV)} datasets and {len(cert)} certified values "
          f"to {out}; all agree with exact arithmetic")


if __name__ == "__main__":
    main()
