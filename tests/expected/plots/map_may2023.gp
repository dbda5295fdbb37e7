# laborstat: U.S. tile-grid map (gnuplot 5.4)
set encoding utf8
set terminal pngcairo size 1000,760 font 'Sans,11' noenhanced background rgb 'white'
set output 'map_may2023.png'
$tiles << EOD
# col row fill text "postal" "value"
1 6 3237517 16777215 "AK" "$80.0k"
6 5 3782263 16777215 "AL" "$100.6k"
4 4 3782263 16777215 "AR" "$115.9k"
1 4 12303291 2236962 "AZ" "n/a"
0 3 16639781 1118481 "CA" "$133.7k"
2 3 3782263 16777215 "CO" "$112.0k"
9 2 3782263 16777215 "CT" "$112.8k"
8 4 16639781 1118481 "DC" "$122.0k"
9 3 16639781 1118481 "DE" "$138.8k"
8 6 3237517 16777215 "FL" "$95.4k"
7 5 3782263 16777215 "GA" "$101.0k"
0 6 16639781 1118481 "HI" "$129.9k"
4 2 3237517 16777215 "IA" "$97.0k"
1 1 16639781 1118481 "ID" "$122.3k"
5 1 3782263 16777215 "IL" "$108.6k"
5 2 3237517 16777215 "IN" "$81.6k"
3 4 3782263 16777215 "KS" "$101.6k"
5 3 3237517 16777215 "KY" "$88.8k"
4 5 4456788 16777215 "LA" "$68.7k"
9 1 16639781 1118481 "MA" "$121.6k"
8 3 16639781 1118481 "MD" "$125.5k"
10 0 3237517 16777215 "ME" "$100.0k"
6 1 3237517 16777215 "MI" "$90.8k"
4 1 3782263 16777215 "MN" "$114.6k"
4 3 3237517 16777215 "MO" "$81.4k"
5 5 4456788 16777215 "MS" "$62.6k"
2 1 3237517 16777215 "MT" "$94.4k"
6 4 16639781 1118481 "NC" "$126.9k"
3 1 3782263 16777215 "ND" "$113.6k"
3 3 3237517 16777215 "NE" "$92.6k"
9 0 3237517 16777215 "NH" "$92.7k"
8 2 16639781 1118481 "NJ" "$130.6k"
2 4 3237517 16777215 "NM" "$87.0k"
1 2 3237517 16777215 "NV" "$86.0k"
8 1 16639781 1118481 "NY" "$128.9k"
6 2 3237517 16777215 "OH" "$97.1k"
3 5 3237517 16777215 "OK" "$83.8k"
0 2 3782263 16777215 "OR" "$114.9k"
7 2 3237517 16777215 "PA" "$97.3k"
10 5 4456788 16777215 "PR" "$75.9k"
10 2 16639781 1118481 "RI" "$128.3k"
7 4 3237517 16777215 "SC" "$95.3k"
3 2 3237517 16777215 "SD" "$91.5k"
5 4 3237517 16777215 "TN" "$92.4k"
3 6 3782263 16777215 "TX" "$100.1k"
1 3 3237517 16777215 "UT" "$97.5k"
7 3 16639781 1118481 "VA" "$136.5k"
8 0 3782263 16777215 "VT" "$117.5k"
0 1 16639781 1118481 "WA" "$132.6k"
5 0 3782263 16777215 "WI" "$101.8k"
6 3 4456788 16777215 "WV" "$67.7k"
2 2 16639781 1118481 "WY" "$130.4k"
EOD
t = 0.46
set title 'Data Scientists (15-2051): annual median wage by state, May 2023' font ',15' textcolor rgb '#222222'
set label 1 'Source: BLS OEWS May 2023 state estimates. Nominal dollars.' at screen 0.01, screen 0.0200 left font ',9' textcolor rgb '#444444'
set label 10 'Annual median wage, May 2023' at screen 0.5000, screen 0.1167 center textcolor rgb '#222222' front
set object 1 rect from screen 0.2707, screen 0.0751 to screen 0.3567, screen 0.0982 fc rgb '#440154' fillstyle solid 1.0 border lc rgb '#FFFFFF' lw 1 front
set object 2 rect from screen 0.3567, screen 0.0751 to screen 0.4427, screen 0.0982 fc rgb '#31668D' fillstyle solid 1.0 border lc rgb '#FFFFFF' lw 1 front
set object 3 rect from screen 0.4427, screen 0.0751 to screen 0.5287, screen 0.0982 fc rgb '#39B677' fillstyle solid 1.0 border lc rgb '#FFFFFF' lw 1 front
set object 4 rect from screen 0.5287, screen 0.0751 to screen 0.6147, screen 0.0982 fc rgb '#FDE725' fillstyle solid 1.0 border lc rgb '#FFFFFF' lw 1 front
set label 11 '$60k' at screen 0.2707, screen 0.0565 center textcolor rgb '#222222' front
set label 12 '$80k' at screen 0.3567, screen 0.0565 center textcolor rgb '#222222' front
set label 13 '$100k' at screen 0.4427, screen 0.0565 center textcolor rgb '#222222' front
set label 14 '$120k' at screen 0.5287, screen 0.0565 center textcolor rgb '#222222' front
set label 15 '$140k' at screen 0.6147, screen 0.0565 center textcolor rgb '#222222' front
set object 7 rect from screen 0.6863, screen 0.0751 to screen 0.7293, screen 0.0982 fc rgb '#BBBBBB' fillstyle solid 1.0 border lc rgb '#FFFFFF' lw 1 front
set label 18 'n/a' at screen 0.7078, screen 0.0565 center textcolor rgb '#222222' front
set lmargin at screen 0.0345
set rmargin at screen 0.9655
set tmargin at screen 0.9309
set bmargin at screen 0.1514
set xrange [0:11]
set yrange [7:0]
unset border
unset xtics
unset ytics
unset key
set style fill solid 1.0 border lc rgb '#FFFFFF'
dy = 0.114
plot \
  $tiles using ($1 + 0.5):($2 + 0.5):($1 + 0.5 - t):($1 + 0.5 + t):($2 + 0.5 - t):($2 + 0.5 + t):3 with boxxyerror fc rgb variable, \
  $tiles using ($1 + 0.5):($2 + 0.5 - dy):5:4 with labels textcolor rgb variable font ',11', \
  $tiles using ($1 + 0.5):($2 + 0.5 + dy):6:4 with labels textcolor rgb variable font ',10'
