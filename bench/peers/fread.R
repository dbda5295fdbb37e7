# B1/B3 peer: data.table::fread of each file given. usage: Rscript fread.R FILE...
suppressMessages(library(data.table))
setDTthreads(0L)
for (f in commandArgs(trailingOnly = TRUE)) {
  x <- fread(f, showProgress = FALSE)
  cat(f, nrow(x), "\n")
}
