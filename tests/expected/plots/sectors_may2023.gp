# laborstat: employment by industry (gnuplot 5.4)
set encoding utf8
set terminal pngcairo size 1000,662 font 'Sans,11' noenhanced background rgb 'white'
set output 'sectors_may2023.png'
$sectors << EOD
# row "label" "label (2)" share emp kind "text"
1 "Health Care and Social Assistance (62)" "" 71.56549520766774 24640 0 "24,640 (71.6%)"
2 "Management of Companies and Enterprises" "(55)" 8.626198083067093 2970 0 "2,970 (8.6%)"
3 "Professional, Scientific, and Technical" "Services (54)" 6.912576241649724 2380 0 "2,380 (6.9%)"
4 "Administrative and Support and Waste" "Management and Remediation Services (56)" 4.705198954400232 1620 0 "1,620 (4.7%)"
5 "Federal, State, and Local Government," "excluding State and Local… (99)" 2.4687772291606156 850 0 "850 (2.5%)"
6 "Educational Services (61)" "" 2.410688353180366 830 0 "830 (2.4%)"
7 "Finance and Insurance (52)" "" 1.597444089456869 550 0 "550 (1.6%)"
8 "Other Services (except Public" "Administration) (81)" 0.2904443799012489 100 0 "100 (0.3%)"
9 "Manufacturing (31)" "" 0.23235550392099913 80 0 "80 (0.2%)"
10 "Other industries" "" 1.1908219575951204 410 1 "410 (1.2%)"
11 "Information (51)" "" NaN NaN 2 "n/a (employment not published)"
12 "Wholesale Trade (42)" "" NaN NaN 2 "n/a (employment not published)"
EOD
lbl(a, b) = a . (b eq '' ? '' : "\n" . b)
h = 0.34
set title 'Health Information Technologists and Medical'."\n".'Registrars (29-9021): employment by industry, May 2023' font ',15' textcolor rgb '#222222'
set label 1 'Source: BLS OEWS May 2023 national industry-specific estimates (sectors). Share = the industry'."\047".'s employment / the occupation'."\047".'s national employment'."\n".'(34,430) x 100.' at screen 0.01, screen 0.0447 left font ',9' textcolor rgb '#444444'
unset key
set tmargin at screen 0.8867
set bmargin at screen 0.1664
set rmargin 3
set border 3 lc rgb '#666666'
set xlabel "Share of the occupation's employment (%)" textcolor rgb '#222222'
set format x '%.0f%%'
set xrange [0:100]
set xtics 0, 20, 100 nomirror out textcolor rgb '#222222'
set yrange [12.6:0.4]
set ytics nomirror scale 0 textcolor rgb '#222222'
set grid xtics lt 1 lc rgb '#dddddd' lw 1
set style fill solid 1.0 noborder
plot \
  $sectors using (0):1:ytic(lbl(strcol(2), strcol(3))) with points pt -1, \
  $sectors using ($4 / 2):1:(0):($6 == 0 ? $4 : NaN):($1 - h):($1 + h) with boxxyerror fc rgb '#0072B2', \
  $sectors using ($4 / 2):1:(0):($6 == 1 ? $4 : NaN):($1 - h):($1 + h) with boxxyerror fc rgb '#AAAAAA', \
  $sectors using ($6 == 2 ? NaN : $4):1:7 with labels left offset char 0.6, 0 textcolor rgb '#222222', \
  $sectors using ($6 == 2 ? 0 : NaN):1:7 with labels left offset char 0.6, 0 textcolor rgb '#777777'
