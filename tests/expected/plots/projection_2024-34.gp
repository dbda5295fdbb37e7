# laborstat: employment projections (gnuplot 5.4)
set encoding utf8
set terminal pngcairo size 1000,420 font 'Sans,11' noenhanced background rgb 'white'
set output 'projection_2024-34.png'
$proj << EOD
# row "label" "label (2)" base_k proj_k band_lo_k band_hi_k openings_k "change"
1 "Information security analysts" "(15-1212)" 182.8 234.9 209.5 260.3 16 "+28.5%"
2 "Health information" "technologists and… (29-9021)" 41.9 48.1 42.3 53.9 3.2 "+14.7%"
EOD
lbl(a, b) = a . (b eq '' ? '' : "\n" . b)
h = 0.17
d = 0.19
set title 'Projected employment 2024-34' font ',15' textcolor rgb '#222222'
set label 1 'Source: BLS Employment Projections 2024-34 (Table 1.2); BLS OEWS May 2024.' at screen 0.01, screen 0.0362 left font ',9' textcolor rgb '#444444'
set key at screen 0.5, screen 0.0994 center center horizontal maxrows 1 reverse Left samplen 1.5 width -2 font ',9' noautotitle textcolor rgb '#222222'
set style arrow 1 heads size screen 0.005,90 lc rgb '#222222' lw 1.5
set style arrow 2 nohead lc rgb '#D55E00' lw 2
set style fill solid 1.0 noborder
set multiplot
set tmargin at screen 0.8750
set bmargin at screen 0.2629
set lmargin at screen 0.2523
set rmargin at screen 0.7731
set border 3 lc rgb '#666666'
set yrange [2.6:0.4]
set ytics nomirror scale 0 textcolor rgb '#222222'
set xrange [0:320]
set xtics 0, 100 nomirror out textcolor rgb '#222222'
set format x '%gk'
set grid xtics lt 1 lc rgb '#dddddd' lw 1
set xlabel 'Employment (persons, thousands)' textcolor rgb '#222222'
plot \
  $proj using (0):1:ytic(lbl(strcol(2), strcol(3))) with points pt -1, \
  keyentry with boxes fc rgb '#9ACBEA' title 'Employment 2024', \
  keyentry with boxes fc rgb '#0072B2' title 'Projected 2034', \
  keyentry with vectors arrowstyle 1 title 'Error band', \
  keyentry with points pt 7 ps 1.3 lc rgb '#D55E00' title 'Openings a year (right)', \
  $proj using ($4 / 2):($1 - d):(0):4:($1 - d - h):($1 - d + h) with boxxyerror fc rgb '#9ACBEA', \
  $proj using ($5 / 2):($1 + d):(0):5:($1 + d - h):($1 + d + h) with boxxyerror fc rgb '#0072B2', \
  $proj using 6:($1 + d):($7 - $6):(0) with vectors arrowstyle 1, \
  $proj using 7:($1 + d):9 with labels left offset char 0.8, 0 font ',9' textcolor rgb '#222222'
unset title
unset label 1
set key off
set lmargin at screen 0.8056
set rmargin at screen 0.9756
set ytics format ''
set xrange [0:18]
set xtics 0, 10 nomirror out textcolor rgb '#222222'
set xlabel 'Openings a year (thousands)' textcolor rgb '#222222'
plot \
  $proj using (0):1:8:(0) with vectors arrowstyle 2, \
  $proj using 8:1 with points pt 7 ps 1.3 lc rgb '#D55E00'
unset multiplot
