# laborstat: projected growth against median wage (gnuplot 5.4)
set encoding utf8
set terminal pngcairo size 1000,680 font 'Sans,11' noenhanced background rgb 'white'
set output 'growth_pay_2024-34.png'
$bubbles << EOD
# growth_pct wage_thousands emp point_size
28.5 124.91 182800 6.78
7.1 50.25 194800 7
14.7 67.31 41900 3.25
EOD
set title 'Projected growth and pay, 2024-34' font ',15' textcolor rgb '#222222'
set label 1 'Source: BLS Employment Projections 2024-34 (Table 1.2); BLS OEWS May 2024.' at screen 0.01, screen 0.0224 left font ',9' textcolor rgb '#444444'
set tmargin at screen 0.9228
set bmargin at screen 0.1365
set lmargin at screen 0.0733
set rmargin at screen 0.9756
set border 3 lc rgb '#666666'
set xlabel 'Projected employment change 2024-34 (%)' textcolor rgb '#222222'
set ylabel 'Median annual wage (US dollars, thousands)' textcolor rgb '#222222'
set xrange [-10:40]
set xtics 10 nomirror out textcolor rgb '#222222'
set format x '%+.0f%%'
set yrange [0:140]
set ytics 0, 20 nomirror out textcolor rgb '#222222'
set format y '$%.0fk'
set grid xtics ytics lt 1 lc rgb '#dddddd' lw 1
set key bottom right Left reverse samplen 1 font ',9' textcolor rgb '#222222' noautotitle
set arrow 1 from 3.1, graph 0 to 3.1, graph 1 nohead dt 2 lw 1.5 lc rgb '#D55E00' back
set label 1000 'All occupations +3.1%' at 3.1, graph 0.99 left offset char 0.5, 0 font ',9' textcolor rgb '#D55E00'
set label 1001 'All occupations $49,500' at graph 0.99, first 49.5 right offset 0, char 0.7 font ',9' textcolor rgb '#D55E00'
set arrow 2 from graph 0, first 49.5 to graph 1, first 49.5 nohead dt 2 lw 1.5 lc rgb '#D55E00' back
set label 2 'Information security analysts (15-1212)' at 27.04, 124.91 right font ',10' textcolor rgb '#222222' front
set label 3 'Medical records specialists (29-2072)' at 8.6, 50.25 left font ',10' textcolor rgb '#222222' front
set label 4 'Health information… (29-9021)' at 15.52, 67.31 left font ',10' textcolor rgb '#222222' front
plot \
  $bubbles using 1:2:4 with points pt 7 ps variable lc rgb '#309ACBEA' title 'Occupation or role (area: base employment)', \
  $bubbles using 1:2:4 with points pt 6 ps variable lc rgb '#0072B2' notitle, \
  keyentry with lines dt 2 lw 1.5 lc rgb '#D55E00' title 'All occupations'
