# The outcome report's survival figures against R's survival package on a generated
# registry: bench_outcomes --emit writes the registry (follow-up time, event, centre) and
# our report as JSON; here survfit / summary / print.survfit / survdiff recompute every
# figure, which must agree to 1e-9.
# Usage: Rscript r_outcomes.R BENCH_OUTCOMES_BINARY
args <- commandArgs(trailingOnly = TRUE)
bin <- args[1]
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "r_json.R"))
suppressMessages(library(survival))

workdir <- tempfile("rp-outcomes-")
dir.create(workdir)
on.exit(unlink(workdir, recursive = TRUE))
status <- system2(bin, c("--emit", workdir, "--episodes", "4000"), stdout = FALSE)
if (status != 0) stop("bench_outcomes --emit failed")
d <- read.csv(file.path(workdir, "registry.csv"))
report <- json_parse(paste(readLines(file.path(workdir, "report.json"), warn = FALSE), collapse = ""))

tol <- 1e-9
checks <- 0L
failures <- 0L
num <- function(x) if (is.null(x)) NA_real_ else as.numeric(x)
check <- function(label, ours, theirs) {
  checks <<- checks + 1L
  ours <- num(ours); theirs <- as.numeric(theirs)
  same <- (is.na(ours) && is.na(theirs)) ||
    (!is.na(ours) && !is.na(theirs) && abs(ours - theirs) <= tol * max(1, abs(theirs)))
  if (!same) {
    failures <<- failures + 1L
    cat(sprintf("MISMATCH %s: ours %.17g, R %.17g\n", label, ours, theirs))
  }
}

days <- c(0, 182, 365, 548, 730, 913, 1095)
compare_scope <- function(scope, data, label) {
  fit <- survfit(Surv(time, event) ~ 1, data = data)
  s <- summary(fit, times = days, extend = TRUE)
  at <- scope$survival$at
  for (k in seq_along(days)) {
    p <- at[[k]]
    if (isTRUE(p$beyond_follow_up)) next
    check(sprintf("%s S(%d)", label, days[k]), p$surv, s$surv[k])
    check(sprintf("%s lower(%d)", label, days[k]), p$lower, s$lower[k])
    check(sprintf("%s upper(%d)", label, days[k]), p$upper, s$upper[k])
    check(sprintf("%s std.err(%d)", label, days[k]), p$std_err, s$std.err[k])
    check(sprintf("%s n.risk(%d)", label, days[k]), p$n_risk, s$n.risk[k])
  }
  tab <- summary(fit)$table
  check(paste(label, "median"), scope$survival$median$days, tab[["median"]])
  check(paste(label, "median lower"), scope$survival$median$lower, tab[["0.95LCL"]])
  check(paste(label, "median upper"), scope$survival$median$upper, tab[["0.95UCL"]])
  check(paste(label, "events"), scope$survival$events, sum(data$event))
  # The censoring marks: every time with a censoring, the curve there and how many (the
  # marks plot.survfit draws).
  cens <- scope$survival$censored
  marks <- which(fit$n.censor > 0)
  check(paste(label, "censoring marks"), length(cens), length(marks))
  for (k in seq_len(min(length(cens), length(marks)))) {
    m <- marks[k]
    check(sprintf("%s censored time %d", label, k), cens[[k]][["day"]], fit$time[m])
    check(sprintf("%s censored surv %d", label, k), cens[[k]][["surv"]], fit$surv[m])
    check(sprintf("%s censored count %d", label, k), cens[[k]][["count"]], fit$n.censor[m])
  }
}

compare_scope(report$scopes[[1]], d, "overall")
for (k in 2:length(report$scopes)) {
  centre <- k - 2  # centres are numbered from 0 in the registry, in the report's order
  compare_scope(report$scopes[[k]], d[d$centre == centre, ], report$scopes[[k]]$centre)
}

lr <- survdiff(Surv(time, event) ~ centre, data = d)
ours <- report$log_rank_by_centre
check("log-rank chisq", ours$chisq, lr$chisq)
check("log-rank df", ours$df, length(lr$n) - 1)
for (g in seq_along(lr$n)) {
  check(sprintf("observed %d", g), ours$groups[[g]]$observed, lr$obs[g])
  check(sprintf("expected %d", g), ours$groups[[g]]$expected, lr$exp[g])
}
check("log-rank p", ours$p, pchisq(lr$chisq, length(lr$n) - 1, lower.tail = FALSE))

cat(sprintf("%d checks, %d mismatches\n", checks, failures))
if (failures > 0) quit(status = 1)
