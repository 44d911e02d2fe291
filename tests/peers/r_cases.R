# The statistics case files (tests/cases/statistics/*.yaml) through R: every number a
# case writes must be R's (survfit, summary.survfit, print.survfit's median, survdiff),
# to the decimals written, so the C++ runner that checks regenpath against the same
# files checks it against R. Cases that expect a refusal are regenpath's input rules,
# not R's, and are left to the C++ runner. Sourced by r_survival.R (part "cases").
# Lists are read with [[ ]]: `$` would match a key by its first letters (curve → curves).
suppressMessages(library(yaml))

# Numbers are kept as written ("0.50" stays "0.50"): the decimals say the precision.
case_keep_text <- function(x) x
case_load <- function(path) {
  yaml.load_file(path, handlers = list(int = case_keep_text, float = case_keep_text,
                                       "float#fix" = case_keep_text, "float#exp" = case_keep_text))
}

# R's value rounds to the written number (within half a unit of its last decimal); a
# whole number must be met exactly; ~ (NULL) stands for R's NA or NaN.
case_check <- function(label, theirs, written) {
  checks <<- checks + 1L
  theirs <- as.numeric(theirs)
  ok <- if (is.null(written)) {
    length(theirs) == 1 && is.na(theirs)
  } else {
    text <- as.character(written)
    expected <- as.numeric(text)
    decimals <- if (grepl("[eE]", text) || !grepl(".", text, fixed = TRUE)) 0 else nchar(sub("^[^.]*\\.", "", text))
    tolerance <- if (decimals == 0) 1e-9 * max(1, abs(expected)) else 0.5 * 10^-decimals
    length(theirs) == 1 && !is.na(theirs) && abs(theirs - expected) <= tolerance * (1 + 1e-9)
  }
  if (!ok) {
    failures <<- failures + 1L
    cat(sprintf("MISMATCH %s\n  case:  %s\n  R:     %s\n", label,
                if (is.null(written)) "~" else as.character(written),
                paste(format(theirs, digits = 15), collapse = " ")))
  }
}

case_numbers <- function(x) as.numeric(unlist(x))

case_curve <- function(label, fit, written) {
  table <- summary(fit)$table
  if (!is.null(written[["n"]])) case_check(paste(label, "n"), table[["records"]], written[["n"]])
  if (!is.null(written[["events"]])) case_check(paste(label, "events"), table[["events"]], written[["events"]])
  if ("median" %in% names(written)) case_check(paste(label, "median"), table[["median"]], written[["median"]])
  if ("median lower" %in% names(written)) {
    case_check(paste(label, "median lower"), table[["0.95LCL"]], written[["median lower"]])
  }
  if ("median upper" %in% names(written)) {
    case_check(paste(label, "median upper"), table[["0.95UCL"]], written[["median upper"]])
  }
  for (point in written[["at"]]) {
    t <- as.numeric(point[["time"]])
    at <- sprintf("%s at %s:", label, point[["time"]])
    if (t > max(fit$time)) {
      # R's summary gives no row after the last follow-up: nothing may be estimated there.
      if ("survival" %in% names(point)) case_check(paste(at, "survival"), NA, point[["survival"]])
      if (!is.null(point[["at risk"]])) case_check(paste(at, "at risk"), 0, point[["at risk"]])
      next
    }
    s <- summary(fit, times = t)
    columns <- list("at risk" = s$n.risk, survival = s$surv, "std err" = s$std.err, lower = s$lower, upper = s$upper)
    for (name in intersect(names(columns), names(point))) {
      case_check(paste(at, name), columns[[name]], point[[name]])
    }
  }
}

case_log_rank <- function(label, d, written) {
  sd <- survdiff(Surv(time, status) ~ group, data = d)
  groups <- sub("^group=", "", names(sd$n))
  df <- sum(sd$exp > 0) - 1
  if (!is.null(written[["chisq"]])) case_check(paste(label, "log rank chisq"), sd$chisq, written[["chisq"]])
  if (!is.null(written[["df"]])) case_check(paste(label, "log rank df"), df, written[["df"]])
  if (!is.null(written[["p"]])) case_check(paste(label, "log rank p"), pchisq(sd$chisq, df, lower.tail = FALSE), written[["p"]])
  for (g in names(written[["observed"]])) {
    case_check(paste(label, "log rank observed", g), sd$obs[groups == g], written[["observed"]][[g]])
  }
  for (g in names(written[["expected"]])) {
    case_check(paste(label, "log rank expected", g), sd$exp[groups == g], written[["expected"]][[g]])
  }
}

test_cases <- function() {
  dir <- file.path(here, "..", "cases", "statistics")
  files <- sort(list.files(dir, pattern = "\\.yaml$", full.names = TRUE))
  if (length(files) == 0) stop("no case files in ", dir)
  for (path in files) {
    for (one in case_load(path)$cases) {
      if (!is.null(one[["refused"]])) next
      label <- sprintf("%s '%s'", basename(path), one[["case"]])
      d <- data.frame(time = case_numbers(one[["time"]]), status = case_numbers(one[["event"]]))
      conf <- if (is.null(one[["confidence"]])) "log" else one[["confidence"]]
      if (!is.null(one[["curve"]])) {
        case_curve(label, survfit(Surv(time, status) ~ 1, data = d, conf.type = conf), one[["curve"]])
      }
      if (!is.null(one[["group"]])) d$group <- as.character(unlist(one[["group"]]))
      if (!is.null(one[["curves"]])) {
        fit <- survfit(Surv(time, status) ~ group, data = d, conf.type = conf)
        groups <- sub("^group=", "", names(fit$strata))
        for (g in names(one[["curves"]])) {
          i <- match(g, groups)
          if (is.na(i)) stop(label, ": no group ", g)
          case_curve(paste(label, "group", g), fit[i], one[["curves"]][[g]])
        }
      }
      if (!is.null(one[["log rank"]])) case_log_rank(label, d, one[["log rank"]])
    }
  }
}
