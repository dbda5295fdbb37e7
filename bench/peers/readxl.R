# B2 peer: readxl::read_excel of the workbook inside BLS's zip (unzipped to a temp dir first,
# readxl reads files only). usage: Rscript readxl.R ZIP
suppressMessages(library(readxl))
zip <- commandArgs(trailingOnly = TRUE)[1]
dir <- tempfile("readxl")
member <- grep("\\.xlsx$", unzip(zip, list = TRUE)$Name, value = TRUE)[1]
unzip(zip, files = member, exdir = dir)
x <- read_excel(file.path(dir, member), sheet = 1, skip = 2)
unlink(dir, recursive = TRUE)
cat(nrow(x), "\n")
