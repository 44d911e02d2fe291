# Compares `regenpath stats km|logrank|proportion|mean|cox` with R's survival package
# and stats functions, on R's own data sets and on generated data with ties and
# censoring. Every reference number is computed here by R in the same run.
# Part "cases" checks the numbers written in tests/cases/statistics/*.yaml (r_cases.R).
# Usage: Rscript r_survival.R REGENPATH_BINARY [km|logrank|proportion|mean|cox|cases|all]
args <- commandArgs(trailingOnly = TRUE)
bin <- args[1]
part <- if (length(args) >= 2) args[2] else "all"
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "r_json.R"))
source(file.path(here, "r_cases.R"))
suppressMessages(library(survival))

tol <- 1e-9
checks <- 0L
failures <- 0L
worst <- 0  # largest scaled difference seen, reported at the end
workdir <- tempfile("rp-stats-")
dir.create(workdir)
on.exit(unlink(workdir, recursive = TRUE))

# Equal within 1e-9 (relative above 1), with R's NA/NaN matching our null.
same <- function(ours, theirs) {
  ours <- as.numeric(ours); theirs <- as.numeric(theirs)
  if (length(ours) != length(theirs)) return(FALSE)
  na_o <- is.na(ours); na_t <- is.na(theirs)
  if (any(na_o != na_t)) return(FALSE)
  all(abs(ours[!na_o] - theirs[!na_t]) <= tol * pmax(1, abs(theirs[!na_t])))
}
check <- function(label, ours, theirs) {
  checks <<- checks + 1L
  if (length(ours) == length(theirs)) {
    ok <- !is.na(as.numeric(ours)) & !is.na(as.numeric(theirs))
    d <- abs(as.numeric(ours)[ok] - as.numeric(theirs)[ok]) / pmax(1, abs(as.numeric(theirs)[ok]))
    if (length(d)) worst <<- max(worst, d)
  }
  if (!same(ours, theirs)) {
    failures <<- failures + 1L
    cat(sprintf("MISMATCH %s\n  ours:  %s\n  R:     %s\n", label,
                paste(format(as.numeric(ours), digits = 17), collapse = " "),
                paste(format(as.numeric(theirs), digits = 17), collapse = " ")))
  }
}
field <- function(list_of_objects, name) sapply(list_of_objects, function(o) o[[name]])

# Numbers written with 17 significant digits so the binary reads R's exact doubles.
write_data <- function(df, name) {
  path <- file.path(workdir, paste0(name, ".csv"))
  cols <- lapply(df, function(col) if (is.numeric(col)) sprintf("%.17g", col) else paste0('"', col, '"'))
  lines <- c(paste(names(df), collapse = ","), do.call(paste, c(cols, sep = ",")))
  writeLines(lines, path)
  path
}
run <- function(...) {
  out <- suppressWarnings(system2(bin, c(...), stdout = TRUE, stderr = TRUE))
  status <- attr(out, "status")
  if (!is.null(status) && status != 0) stop("regenpath failed: ", paste(out, collapse = "\n"))
  json_parse(paste(out, collapse = ""))
}

# Survival data sets: data frame with time, status (0/1), group; NA rows removed.
surv_sets <- function() {
  set.seed(20240601)
  n <- 400
  g <- sample(c("a", "b", "c"), n, replace = TRUE)
  rate <- c(a = 0.010, b = 0.015, c = 0.025)[g]
  ev_time <- ceiling(rexp(n, rate))                  # whole days: many ties
  cens <- ceiling(runif(n, 20, 250))
  gen <- data.frame(time = pmin(ev_time, cens), status = as.integer(ev_time <= cens), group = g)
  # A curve exactly 0.5 over an interval: R takes the midpoint for the median.
  flat <- data.frame(time = c(1, 2, 2, 3, 5, 5, 8, 9), status = c(1, 1, 1, 1, 0, 0, 1, 0),
                     group = rep(c("x", "y"), each = 4))
  flat2 <- data.frame(time = c(1, 2, 5, 6, 1, 2, 5, 6), status = c(1, 1, 1, 1, 1, 1, 0, 0),
                      group = rep(c("p", "q"), each = 4))
  gen2 <- data.frame(time = round(rweibull(250, 1.3, 40), 1), status = rbinom(250, 1, 0.6),
                     group = sample(1:4, 250, replace = TRUE))
  lung2 <- na.omit(data.frame(time = lung$time, status = lung$status - 1, group = lung$ph.ecog))
  list(
    lung_sex = data.frame(time = lung$time, status = lung$status - 1, group = lung$sex),
    lung_ecog = lung2,
    aml = data.frame(time = aml$time, status = aml$status, group = as.character(aml$x)),
    ovarian = data.frame(time = ovarian$futime, status = ovarian$fustat, group = ovarian$rx),
    veteran = data.frame(time = veteran$time, status = veteran$status, group = as.character(veteran$celltype)),
    generated_ties = gen, generated_weibull = gen2, flat_half = flat, flat_midpoint = flat2)
}

strata_label <- function(fit) if (is.null(fit$strata)) "all" else sub("^group=", "", names(fit$strata))

test_km <- function() {
  for (name in names(sets)) {
    d <- sets[[name]]
    path <- write_data(d, name)
    at <- sort(unique(c(0, 0.5, quantile(d$time, c(0.1, 0.33, 0.5, 0.9), names = FALSE),
                        d$time[c(1, 2)], max(d$time), max(d$time) + 10)))
    for (ct in c("log", "log-log", "plain")) {
      for (grouped in c(TRUE, FALSE)) {
        fit <- if (grouped) survfit(Surv(time, status) ~ group, data = d, conf.type = ct)
               else survfit(Surv(time, status) ~ 1, data = d, conf.type = ct)
        ours <- run("stats", "km", "--csv", path, "--time", "time", "--event", "status",
                    if (grouped) c("--group", "group"), "--at", paste(sprintf("%.17g", at), collapse = ","),
                    "--conf-type", ct)
        table <- summary(fit)$table
        if (!is.matrix(table)) table <- matrix(table, nrow = 1, dimnames = list(NULL, names(table)))
        labels <- strata_label(fit)
        check(sprintf("%s %s grouped=%s group labels", name, ct, grouped),
              match(field(ours$groups, "group"), labels), seq_along(labels))
        for (i in seq_along(labels)) {
          og <- ours$groups[[i]]
          lab <- sprintf("%s %s %s", name, ct, labels[i])
          check(paste(lab, "n"), og$n, table[i, "records"])
          check(paste(lab, "events"), og$events, table[i, "events"])
          check(paste(lab, "median"), og$median, table[i, "median"])
          check(paste(lab, "median CI"), c(og$median_lower, og$median_upper), table[i, c("0.95LCL", "0.95UCL")])
          sub_fit <- if (grouped) fit[i] else fit
          s <- summary(sub_fit, times = at)  # extend = FALSE: rows after the last time are dropped
          inside <- !field(og$at, "beyond_follow_up")
          pts <- og$at[inside]
          check(paste(lab, "at: times kept"), field(pts, "time"), s$time)
          check(paste(lab, "at: n.risk"), field(pts, "n_risk"), s$n.risk)
          check(paste(lab, "at: surv"), field(pts, "surv"), s$surv)
          check(paste(lab, "at: std.err"), field(pts, "std_err"), s$std.err)
          check(paste(lab, "at: lower"), field(pts, "lower"), s$lower)
          check(paste(lab, "at: upper"), field(pts, "upper"), s$upper)
          beyond <- og$at[!inside]
          check(paste(lab, "at: beyond last time"), field(beyond, "time"), at[at > max(sub_fit$time)])
        }
      }
    }
  }
}

test_logrank <- function() {
  for (name in names(sets)) {
    d <- sets[[name]]
    path <- write_data(d, name)
    sd <- survdiff(Surv(time, status) ~ group, data = d)
    ours <- run("stats", "logrank", "--csv", path, "--time", "time", "--event", "status", "--group", "group")
    labels <- sub("^group=", "", names(sd$n))
    idx <- match(labels, field(ours$groups, "group"))
    check(paste(name, "logrank group labels"), !is.na(idx), rep(TRUE, length(labels)))
    check(paste(name, "logrank n"), field(ours$groups, "n")[idx], as.vector(sd$n))
    check(paste(name, "logrank observed"), field(ours$groups, "observed")[idx], sd$obs)
    check(paste(name, "logrank expected"), field(ours$groups, "expected")[idx], sd$exp)
    check(paste(name, "logrank chisq"), ours$chisq, sd$chisq)
    check(paste(name, "logrank df"), ours$df, sum(sd$exp > 0) - 1)
    check(paste(name, "logrank p"), ours$p, sd$pvalue)
  }
}

test_proportion <- function() {
  cases <- rbind(c(0, 1), c(1, 1), c(0, 20), c(20, 20), c(1, 20), c(7, 20), c(15, 19), c(50, 100),
                 c(3, 1000), c(997, 1000), c(750, 1000), c(12345, 20000))
  for (r in seq_len(nrow(cases))) {
    k <- cases[r, 1]; n <- cases[r, 2]
    w <- run("stats", "proportion", "--successes", k, "--n", n, "--method", "wilson")
    pt <- suppressWarnings(prop.test(k, n, correct = FALSE))  # small-n warning is about the test, not the CI
    check(sprintf("wilson %d/%d", k, n), c(w$estimate, w$lower, w$upper), c(pt$estimate, pt$conf.int))
    cp <- run("stats", "proportion", "--successes", k, "--n", n, "--method", "clopper-pearson")
    bt <- binom.test(k, n)
    check(sprintf("clopper-pearson %d/%d", k, n), c(cp$estimate, cp$lower, cp$upper), c(bt$estimate, bt$conf.int))
  }
}

test_mean <- function() {
  set.seed(7)
  for (n in c(2, 5, 40, 1000)) {
    before <- round(rnorm(n, 60, 15), 1)
    after <- round(before - rnorm(n, 12, 10), 1)
    path <- write_data(data.frame(before = before, after = after), paste0("mean", n))
    one <- run("stats", "mean", "--csv", path, "--column", "after")
    tt <- t.test(after)
    check(sprintf("mean n=%d", n), c(one$estimate, one$lower, one$upper), c(tt$estimate, tt$conf.int))
    paired <- run("stats", "mean", "--csv", path, "--column", "after", "--baseline", "before")
    tp <- t.test(after, before, paired = TRUE)
    check(sprintf("mean change n=%d", n), c(paired$estimate, paired$lower, paired$upper), c(tp$estimate, tp$conf.int))
  }
}

test_cox <- function() {
  set.seed(99)
  n <- 300
  x1 <- rnorm(n); x2 <- rbinom(n, 1, 0.4); x3 <- round(runif(n, 20, 80))
  ev <- ceiling(rexp(n, 0.02 * exp(0.5 * x1 - 0.7 * x2 + 0.01 * x3)))
  ce <- ceiling(runif(n, 5, 120))
  gen <- data.frame(time = pmin(ev, ce), status = as.integer(ev <= ce), x1 = x1, x2 = x2, x3 = x3)
  lung_cc <- na.omit(data.frame(time = lung$time, status = lung$status - 1, age = lung$age, sex = lung$sex,
                                ph_ecog = lung$ph.ecog))
  models <- list(
    lung = list(d = lung_cc, cov = c("age", "sex", "ph_ecog")),
    lung_sex = list(d = lung_cc, cov = "sex"),
    ovarian = list(d = data.frame(time = ovarian$futime, status = ovarian$fustat, age = ovarian$age,
                                  resid_ds = ovarian$resid.ds, rx = ovarian$rx), cov = c("age", "resid_ds", "rx")),
    veteran = list(d = data.frame(time = veteran$time, status = veteran$status, karno = veteran$karno,
                                  trt = veteran$trt, age = veteran$age), cov = c("karno", "trt", "age")),
    aml = list(d = data.frame(time = aml$time, status = aml$status, maintained = as.integer(aml$x == "Maintained")),
               cov = "maintained"),
    generated_ties = list(d = gen, cov = c("x1", "x2", "x3")))
  for (name in names(models)) {
    m <- models[[name]]
    path <- write_data(m$d, paste0("cox_", name))
    fit <- coxph(as.formula(paste("Surv(time, status) ~", paste(m$cov, collapse = "+"))), data = m$d, ties = "efron")
    s <- summary(fit)
    ours <- run("stats", "cox", "--csv", path, "--time", "time", "--event", "status",
                "--covariates", paste(m$cov, collapse = ","))
    co <- ours$coefficients
    check(paste(name, "cox coef"), field(co, "coef"), coef(fit))
    check(paste(name, "cox se"), field(co, "se"), sqrt(diag(fit$var)))
    check(paste(name, "cox z"), field(co, "z"), s$coefficients[, "z"])
    check(paste(name, "cox p"), field(co, "p"), s$coefficients[, "Pr(>|z|)"])
    check(paste(name, "cox hazard ratio"), field(co, "hazard_ratio"), s$conf.int[, "exp(coef)"])
    check(paste(name, "cox HR lower"), field(co, "lower"), s$conf.int[, "lower .95"])
    check(paste(name, "cox HR upper"), field(co, "upper"), s$conf.int[, "upper .95"])
    check(paste(name, "cox loglik"), unlist(ours$loglik), fit$loglik)
    check(paste(name, "cox LR test"), unlist(ours$likelihood_ratio[c("chisq", "df", "p")]), s$logtest)
    # summary() rounds the Wald statistic for printing; the fit keeps it whole.
    check(paste(name, "cox Wald test"), unlist(ours$wald[c("chisq", "df", "p")]),
          c(fit$wald.test, s$waldtest[c("df", "pvalue")]))
    check(paste(name, "cox score test"), unlist(ours$score[c("chisq", "df", "p")]), s$sctest)
    check(paste(name, "cox iterations"), ours$iterations, fit$iter)
  }
}

sets <- surv_sets()
parts <- if (part == "all") c("km", "logrank", "proportion", "mean", "cox", "cases") else part
for (p in parts) get(paste0("test_", p))()
if (part == "cases") {
  cat(sprintf("cases: %d of %d numbers in the case files are R's to the decimals written\n", checks - failures, checks))
} else {
  cat(sprintf("%s: %d of %d comparisons with R agree to %g (largest difference %.3g)\n",
              part, checks - failures, checks, tol, worst))
}
if (failures > 0 || checks == 0) quit(status = 1)
