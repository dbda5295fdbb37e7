# laborstat: annual wage distribution by occupation (gnuplot 5.4)
set encoding utf8
set terminal pngcairo size 1000,600 font 'Sans,11' noenhanced background rgb 'white'
set output 'wages_may2023.png'
$wages << EOD
# row "label" "label (2)" "label (3)" p10 p25 median p75 p90 mean topcoded arrow_from arrow_to note_x "note"
1 "Health Information Technologists" "and Medical Registrars (29-9021)" "" 38310 46580 62990 86950 107650 70260 0 NaN NaN NaN ""
2 "Medical Records Specialists" "(29-2072)" "" 35080 39620 48780 61960 77810 53690 0 NaN NaN NaN ""
3 "Information Security Analysts" "(15-1212)" "" 69210 90050 120360 153550 182370 124740 0 NaN NaN NaN ""
4 "Computer and Information Systems" "Managers (11-3021)" "" 101590 131770 169510 214050 239200 180720 16 214050 239200 239200 "P90 ≥ $239,200 (top-coded)"
EOD
k(v) = v / 1000.0
lbl(a, b, c) = a . (b eq '' ? '' : "\n" . b) . (c eq '' ? '' : "\n" . c)
h = 0.28
set title 'Annual wages, health IT and related occupations' font ',15' textcolor rgb '#222222'
set label 1 'Source: BLS OEWS, May 2023, national cross-industry estimates. Nominal dollars.' at screen 0.01, screen 0.0253 left font ',9' textcolor rgb '#444444'
set key at screen 0.5, screen 0.0687 center center horizontal maxrows 1 reverse Left samplen 2 width -1 noautotitle
set tmargin at screen 0.9125
set bmargin at screen 0.2056
set rmargin 3
set border 3 lc rgb '#666666'
set xlabel 'Annual wage (US dollars, thousands)' textcolor rgb '#222222'
set format x '$%.0fk'
set xrange [0:360]
set xtics 0, 50 nomirror out textcolor rgb '#222222'
set mxtics 5
set yrange [4.6:0.4]
set ytics nomirror scale 0 textcolor rgb '#222222'
set grid xtics lt 1 lc rgb '#dddddd' lw 1
set style arrow 1 nohead lc rgb '#333333' lw 1.5
set style arrow 2 head filled size screen 0.012,25 lc rgb '#CC79A7' lw 2
set style arrow 3 nohead lc rgb '#000000' lw 3
set style fill solid 1.0 border lc rgb '#0072B2'
plot \
  $wages using (0):1:ytic(lbl(strcol(2), strcol(3), strcol(4))) with points pt -1, \
  keyentry with boxes fc rgb '#9ACBEA' title 'P25–P75', \
  keyentry with lines lc rgb '#333333' lw 1.5 title 'P10–P90', \
  keyentry with lines lc rgb '#000000' lw 3 title 'Median', \
  keyentry with points pt 13 ps 1.6 lc rgb '#D55E00' title 'Mean', \
  keyentry with vectors arrowstyle 2 title 'Top-coded', \
  $wages using (k($5)):1:(k($6 - $5)):(0) with vectors arrowstyle 1, \
  $wages using (k($8)):1:((int($11) & 16) ? NaN : k($9 - $8)):(0) with vectors arrowstyle 1, \
  $wages using (k($12)):1:(k($13 - $12)):(0) with vectors arrowstyle 2, \
  $wages using ((k($6) + k($8)) / 2):1:(k($6)):(k($8)):($1 - h):($1 + h) with boxxyerror fc rgb '#9ACBEA', \
  $wages using (k($7)):($1 - h):(0):(2 * h) with vectors arrowstyle 3, \
  $wages using (k($10)):1 with points pt 13 ps 1.6 lc rgb '#D55E00', \
  $wages using (k($14)):1:15 with labels left offset char 1.2, 0 textcolor rgb '#8F3F73'
