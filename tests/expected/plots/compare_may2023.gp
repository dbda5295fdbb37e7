# laborstat: areas compared (gnuplot 5.4)
set encoding utf8
set terminal pngcairo size 1000,420 font 'Sans,11' noenhanced background rgb 'white'
set output 'compare_may2023.png'
$bars << EOD
# row "label" "label (2)" value lo hi plain lighter text_x "text"
1 "Washington" "" 148730 144940.429236 152519.570764 0 0 152519.570764 "$148,730"
2 "California" "" 140490 138287.157278 142692.842722 0 0 142692.842722 "$140,490"
3 "Virginia" "" 139080 135536.306717 142623.693283 0 0 142623.693283 "$139,080"
4 "New York" "" 134830 131923.118616 137736.881384 0 0 137736.881384 "$134,830"
5 "District of Columbia" "" 128810 100029.222463 157590.777537 0 0 157590.777537 "$128,810"
6 "Wyoming" "" 125330 86518.518783 164141.481217 0 0 164141.481217 "$125,330"
7 "Texas" "" 109000 106436.367108 111563.632892 0 0 111563.632892 "$109,000"
8 "West Virginia" "" 94330 74732.359318 113927.640682 0 0 113927.640682 "$94,330"
9 "Louisiana" "" 74330 71853.369909 76806.630091 0 0 76806.630091 "$74,330"
10 "Mississippi" "" 72220 NaN NaN 1 1 72220 "$72,220 (no RSE)"
EOD
k(v) = v / 1000.0
lbl(a, b) = a . (b eq '' ? '' : "\n" . b)
h = 0.34
set title 'Data Scientists (15-2051): annual mean wage by state, May 2023' font ',15' textcolor rgb '#222222'
set label 1 'Source: BLS OEWS May 2023 state estimates. Nominal dollars. Error bars: 95% confidence intervals from the published relative standard errors.' at screen 0.01, screen 0.0362 left font ',9' textcolor rgb '#444444'
set key at screen 0.5, screen 0.0981 center center horizontal maxrows 1 reverse Left samplen 2 width 1 noautotitle
set tmargin at screen 0.8750
set bmargin at screen 0.2937
set rmargin 3
set border 3 lc rgb '#666666'
set xlabel 'Annual mean wage (US dollars, thousands)' textcolor rgb '#222222'
set format x '$%.0fk'
set xrange [0:185]
set xtics 0, 25 nomirror out textcolor rgb '#222222'
set mxtics 5
set yrange [10.6:0.4]
set ytics nomirror scale 0 textcolor rgb '#222222'
set grid xtics lt 1 lc rgb '#dddddd' lw 1
$ref << EOD
119.04
EOD
set style fill solid 1.0 noborder
set style textbox opaque noborder margins 1, 1
plot \
  $bars using (0):1:ytic(lbl(strcol(2), strcol(3))) with points pt -1, \
  keyentry with boxes fc rgb '#0072B2' title 'Annual mean wage', \
  keyentry with xerrorbars pt -1 lc rgb '#000000' title '95% confidence interval', \
  keyentry with boxes fc rgb '#A6CBE3' title 'No RSE published: no interval', \
  keyentry with lines lc rgb '#D55E00' lw 2 dt (8, 5) title 'U.S.: $119,040', \
  $bars using (k($4) / 2):1:(0):($8 > 0 ? NaN : k($4)):($1 - h):($1 + h) with boxxyerror fc rgb '#0072B2', \
  $bars using (k($4) / 2):1:(0):($8 > 0 ? k($4) : NaN):($1 - h):($1 + h) with boxxyerror fc rgb '#A6CBE3', \
  $ref using 1:(0.4):(0):(10.2) with vectors nohead lc rgb '#D55E00' lw 2 dt (8, 5), \
  $bars using (k($4)):1:(k($5)):(k($6)) with xerrorbars pt -1 lc rgb '#000000' lw 1.2, \
  $bars using (k($9)):1:10 with labels left offset char 0.6, 0 boxed textcolor rgb '#222222'
