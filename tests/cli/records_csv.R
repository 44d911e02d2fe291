# Reads `regenpath export records` CSV files as an analyst would, with R's read.csv, and
# prints what it found as JSON for tests/cli/export_records_cli_test.cpp:
#   Rscript records_csv.R LONG_DIR [WIDE_DIR]
# - rows and headers of every table, and the dictionary's "table.column" entries;
# - each patient's name_fa as the hex of its UTF-8 bytes (byte-for-byte comparison);
# - every <name>_jalali column against its ISO twin converted here, by the 33-year-rule
#   algorithm of jalaali-js (Borkowski) written out in R, never by regenpath's own code;
# - with WIDE_DIR: the wide layout's rows and each score the long layout holds (the latest
#   answer per episode, time point, instrument and score) looked up in its wide column.
suppressPackageStartupMessages(library(jsonlite))

args <- commandArgs(trailingOnly = TRUE)
long_dir <- args[1]
wide_dir <- if (length(args) > 1) args[2] else NA

# --- Jalali from Gregorian (jalaali-js: jalCal, g2d, d2g, d2j), integer arithmetic -------
jdiv <- function(a, b) trunc(a / b)
jmod <- function(a, b) a - trunc(a / b) * b
breaks <- c(-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394,
            2456, 3178)
jal_cal <- function(jy) {
  gy <- jy + 621
  leap_j <- -14
  jp <- breaks[1]
  jump <- 0
  for (i in 2:length(breaks)) {
    jm <- breaks[i]
    jump <- jm - jp
    if (jy < jm) break
    leap_j <- leap_j + jdiv(jump, 33) * 8 + jdiv(jmod(jump, 33), 4)
    jp <- jm
  }
  n <- jy - jp
  leap_j <- leap_j + jdiv(n, 33) * 8 + jdiv(jmod(n, 33) + 3, 4)
  if (jmod(jump, 33) == 4 && jump - n == 4) leap_j <- leap_j + 1
  leap_g <- jdiv(gy, 4) - jdiv((jdiv(gy, 100) + 1) * 3, 4) - 150
  march <- 20 + leap_j - leap_g
  if (jump - n < 6) n <- n - jump + jdiv(jump + 4, 33) * 33
  leap <- jmod(jmod(n + 1, 33) - 1, 4)
  if (leap == -1) leap <- 4
  list(leap = leap, gy = gy, march = march)
}
g2d <- function(gy, gm, gd) {
  d <- jdiv((gy + jdiv(gm - 8, 6) + 100100) * 1461, 4) + jdiv(153 * jmod(gm + 9, 12) + 2, 5) + gd - 34840408
  d - jdiv(jdiv(gy + 100100 + jdiv(gm - 8, 6), 100) * 3, 4) + 752
}
d2g_year <- function(jdn) {
  j <- 4 * jdn + 139361631
  j <- j + jdiv(jdiv(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908
  i <- jdiv(jmod(j, 1461), 4) * 5 + 308
  gm <- jmod(jdiv(i, 153), 12) + 1
  jdiv(j, 1461) - 100100 + jdiv(8 - gm, 6)
}
to_jalali <- function(iso) {
  p <- as.integer(strsplit(iso, "-", fixed = TRUE)[[1]])
  jdn <- g2d(p[1], p[2], p[3])
  gy <- d2g_year(jdn)
  jy <- gy - 621
  r <- jal_cal(jy)
  k <- jdn - g2d(gy, 3, r$march)
  if (k >= 0) {
    if (k <= 185) return(sprintf("%04d/%02d/%02d", jy, 1 + jdiv(k, 31), jmod(k, 31) + 1))
    k <- k - 186
  } else {
    jy <- jy - 1
    k <- k + 179
    if (r$leap == 1) k <- k + 1
  }
  sprintf("%04d/%02d/%02d", jy, 7 + jdiv(k, 30), jmod(k, 30) + 1)
}
# The converter itself against days every Iranian calendar agrees on: Nowruz 1403 and
# 1404, the last day of the leap year 1403, and 22 Bahman 1357.
known <- c("2024-03-20" = "1403/01/01", "2025-03-21" = "1404/01/01", "2025-03-20" = "1403/12/30",
           "1979-02-11" = "1357/11/22", "2026-11-24" = "1405/09/03")
for (g in names(known)) {
  if (to_jalali(g) != known[[g]]) stop(paste("the R converter is wrong on", g, ":", to_jalali(g)))
}

# --- the files ------------------------------------------------------------------------
read_text <- function(path) {
  read.csv(path, encoding = "UTF-8", colClasses = "character", check.names = FALSE, na.strings = character(0))
}
tables <- c("patients", "episodes", "visits", "scores", "scores_wide", "adverse_events", "products", "radiographs")
out <- list(rows = list(), headers = list(), jalali_checked = 0, jalali_mismatches = list())

read_dir <- function(dir) {
  for (t in tables) {
    path <- file.path(dir, paste0(t, ".csv"))
    if (!file.exists(path)) next
    # As an analyst reads it, types guessed: the count and, for scores, a numeric value.
    plain <- read.csv(path, encoding = "UTF-8")
    out$rows[[t]] <<- nrow(plain)
    if (t == "scores") out$scores_value_is_numeric <<- is.numeric(plain$value)
    if (t == "radiographs") out$radiographs_joint_space_is_numeric <<- is.numeric(plain$joint_space_mm)
    x <- read_text(path)
    out$headers[[t]] <<- names(x)
    for (col in names(x)) {
      if (!endsWith(col, "_jalali")) next
      iso <- x[[sub("_jalali$", "", col)]]
      for (i in seq_along(iso)) {
        if (iso[i] == "" && x[[col]][i] == "") next
        expected <- if (iso[i] == "") "" else to_jalali(iso[i])
        out$jalali_checked <<- out$jalali_checked + 1
        if (x[[col]][i] != expected)
          out$jalali_mismatches[[length(out$jalali_mismatches) + 1]] <<-
            list(table = t, column = col, iso = iso[i], jalali = x[[col]][i], expected = expected)
      }
    }
  }
}
read_dir(long_dir)

patients <- read_text(file.path(long_dir, "patients.csv"))
out$name_fa_hex <- as.list(setNames(
  vapply(patients$name_fa, function(n) paste(as.character(charToRaw(enc2utf8(n))), collapse = ""), ""),
  patients$patient_id))
dict <- read_text(file.path(long_dir, "data-dictionary.csv"))
out$dictionary <- paste(dict$table, dict$column, sep = ".")

if (!is.na(wide_dir)) {
  read_dir(wide_dir)
  wide <- read_text(file.path(wide_dir, "scores_wide.csv"))
  episodes <- read_text(file.path(long_dir, "episodes.csv"))
  out$wide_episodes_unique <- !any(duplicated(wide$episode_id))
  out$wide_episodes_match <- setequal(wide$episode_id, episodes$episode_id)
  long <- read_text(file.path(long_dir, "scores.csv"))
  long <- long[long$time_point != "", ]
  long <- long[order(long$answered_at, as.numeric(long$response_id)), ]
  key <- paste(long$episode_id, long$time_point, long$instrument, long$score)
  latest <- long[!duplicated(key, fromLast = TRUE), ]
  name_of <- function(s) gsub("[^a-z0-9]", "_", tolower(s))
  checked <- 0
  mismatches <- list()
  no_column <- 0
  expected_filled <- 0
  for (i in seq_len(nrow(latest))) {
    r <- latest[i, ]
    col <- paste(name_of(r$instrument), name_of(r$score), name_of(r$time_point), sep = "_")
    if (!(col %in% names(wide))) {
      no_column <- no_column + 1
      next
    }
    cell <- wide[[col]][wide$episode_id == r$episode_id]
    expected <- if (r$value != "") r$value else r$text
    if (expected != "") expected_filled <- expected_filled + 1
    same <- if (r$value != "" && cell != "") abs(as.numeric(cell) - as.numeric(r$value)) < 1e-9 else cell == expected
    checked <- checked + 1
    if (!same) mismatches[[length(mismatches) + 1]] <- list(column = col, episode = r$episode_id, wide = cell,
                                                             long = expected)
  }
  out$wide_checked <- checked
  out$wide_no_column <- no_column
  out$wide_expected_filled <- expected_filled
  out$wide_mismatches <- mismatches
  # Every wide cell with a value is one the long layout holds: nothing made up.
  score_cols <- setdiff(names(wide), c("episode_id", "patient_id", "protocol"))
  out$wide_cells_filled <- sum(vapply(score_cols, function(c) sum(wide[[c]] != ""), 0))
}

cat(toJSON(out, auto_unbox = TRUE, null = "null"))
