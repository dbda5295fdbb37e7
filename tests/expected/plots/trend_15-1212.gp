# laborstat: trend across May releases (gnuplot 5.4)
set encoding utf8
set terminal pngcairo size 1000,620 font 'Sans,11' noenhanced background rgb 'white'
set output 'trend_15-1212.png'
$series << EOD
# year nominal real topcoded
2014 88.89 NaN 0
2015 90.12 NaN 0
2016 92.6 NaN 0
2017 95.51 NaN 0
2018 98.35 NaN 0
2019 99.73 NaN 0
2020 103.59 NaN 0
2021 102.6 NaN 0
2022 112 NaN 0
2023 120.36 NaN 0
2024 124.91 NaN 0
EOD
$fit << EOD
# year fitted band_lo band_hi
2014.00 88.408 86.053 90.827
2014.25 89.171 86.913 91.488
2014.50 89.942 87.782 92.154
2014.75 90.718 88.66 92.824
2015.00 91.502 89.547 93.5
2015.25 92.292 90.442 94.18
2015.50 93.089 91.347 94.866
2015.75 93.893 92.26 95.556
2016.00 94.704 93.183 96.251
2016.25 95.522 94.114 96.951
2016.50 96.347 95.055 97.657
2016.75 97.18 96.006 98.367
2017.00 98.019 96.966 99.083
2017.25 98.866 97.936 99.804
2017.50 99.719 98.915 100.53
2017.75 100.581 99.904 101.262
2018.00 101.449 100.903 101.999
2018.25 102.326 101.912 102.741
2018.50 103.209 102.931 103.488
2018.75 104.101 103.96 104.242
2019.00 105 105 105
2019.25 105.907 105.764 106.05
2019.50 106.822 106.534 107.11
2019.75 107.744 107.309 108.181
2020.00 108.675 108.09 109.263
2020.25 109.613 108.876 110.356
2020.50 110.56 109.668 111.459
2020.75 111.515 110.466 112.574
2021.00 112.478 111.27 113.7
2021.25 113.45 112.08 114.837
2021.50 114.43 112.895 115.985
2021.75 115.418 113.717 117.145
2022.00 116.415 114.544 118.316
2022.25 117.42 115.378 119.499
2022.50 118.435 116.217 120.694
2022.75 119.457 117.063 121.901
2023.00 120.489 117.915 123.12
2023.25 121.53 118.773 124.351
2023.50 122.58 119.637 125.595
2023.75 123.638 120.507 126.851
2024.00 124.706 121.384 128.119
EOD
set title 'Annual median wage, Information Security Analysts (15-1212)' font ',15' textcolor rgb '#222222'
set label 1 'Source: BLS OEWS May 2014-2024, national cross-industry. Nominal dollars.' at screen 0.01, screen 0.0245 left font ',9' textcolor rgb '#444444'
set key inside bottom right vertical Left reverse samplen 2.5 spacing 1.2 opaque box lc rgb '#cccccc' font ',9' noautotitle textcolor rgb '#222222'
set tmargin at screen 0.9153
set bmargin at screen 0.1383
set rmargin 3
set border 3 lc rgb '#666666'
set xlabel 'May release (year)' textcolor rgb '#222222'
set xrange [2013.5:2024.5]
set xtics 2014, 1 nomirror out textcolor rgb '#222222'
set ylabel 'Annual median wage (US dollars, thousands)' textcolor rgb '#222222'
set format y '$%.0fk'
set ytics nomirror out textcolor rgb '#222222'
set offsets 0, 0, graph 0.06, graph 0.06
set grid ytics lt 1 lc rgb '#dddddd' lw 1
set arrow 1 from 2019, graph 0 to 2019, graph 1 nohead dt 2 lw 1.2 lc rgb '#777777' back
set label 2 'SOC 2010 -> hybrid' at 2019, graph 0.98 right rotate by 90 offset char -1.1, 0 font ',9' textcolor rgb '#777777'
set arrow 2 from 2021, graph 0 to 2021, graph 1 nohead dt 2 lw 1.2 lc rgb '#777777' back
set label 3 'SOC hybrid -> 2018' at 2021, graph 0.98 right rotate by 90 offset char -1.1, 0 font ',9' textcolor rgb '#777777'
plot \
  $fit using 1:3:4 with filledcurves fc rgb '#56B4E9' fs transparent solid 0.25 noborder title 'Slope 95% CI', \
  $fit using 1:2 with lines dt 2 lw 2 lc rgb '#0072B2' title 'Trend', \
  $series using 1:2 with lines lw 2 lc rgb '#0072B2' notitle, \
  $series using 1:($4 > 0 ? NaN : $2) with points pt 7 ps 1.3 lc rgb '#0072B2' title 'Nominal'
