# Compares `regenpath stats logistic|funnel|standardise|cusum` with R: glm(family =
# binomial) and predict for the case-mix model (to 1e-6, the registry's requirement; the
# agreement is usually far closer), qbinom/pbinom and qpois/ppois for Spiegelhalter's
# funnel limits and the Steiner CUSUM recursion written out in R (to 1e-9). Every reference
# number is computed here by R in the same run, on R's own data sets and generated data.
# Usage: Rscript r_registry.R REGENPATH_BINARY [logistic|funnel|standardise|survival|cusum|all]
args <- commandArgs(trailingOnly = TRUE)
bin <- args[1]
part <- if (length(args) >= 2) args[2] else "all"
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "r_json.R"))
suppressMessages(library(survival))

checks <- 0L
failures <- 0L
worst <- 0
workdir <- tempfile("rp-registry-")
dir.create(workdir)
on.exit(unlink(workdir, recursive = TRUE))

check <- function(label, ours, theirs, tol) {
  checks <<- checks + 1L
  ours <- as.numeric(ours); theirs <- as.numeric(theirs)
  ok <- length(ours) == length(theirs) && all(is.na(ours) == is.na(theirs))
  if (ok) {
    keep <- !is.na(theirs)
    d <- abs(ours[keep] - theirs[keep]) / pmax(1, abs(theirs[keep]))
    if (length(d)) worst <<- max(worst, d)
    ok <- all(d <= tol)
  }
  if (!ok) {
    failures <<- failures + 1L
    cat(sprintf("MISMATCH %s\n  ours:  %s\n  R:     %s\n", label,
                paste(format(ours, digits = 17), collapse = " "), paste(format(theirs, digits = 17), collapse = " ")))
  }
}
field <- function(list_of_objects, name) sapply(list_of_objects, function(o) o[[name]])
write_data <- function(df, name) {
  path <- file.path(workdir, paste0(name, ".csv"))
  cols <- lapply(df, function(col) if (is.numeric(col)) sprintf("%.17g", col) else paste0('"', col, '"'))
  writeLines(c(paste(names(df), collapse = ","), do.call(paste, c(cols, sep = ","))), path)
  path
}
run <- function(...) {
  out <- suppressWarnings(system2(bin, c(...), stdout = TRUE, stderr = TRUE))
  status <- attr(out, "status")
  if (!is.null(status) && status != 0) stop("regenpath failed: ", paste(out, collapse = "\n"))
  json_parse(paste(out, collapse = ""))
}

# A registry-like case mix: centres, age band, KL grade, cell source; responders more
# likely with a lower grade and in one centre.
registry <- function(n, seed) {
  set.seed(seed)
  centre <- sample(c("mashhad", "isfahan", "shiraz", "tehran-sina", "tehran-shariati"), n, replace = TRUE,
                   prob = c(0.1, 0.15, 0.2, 0.25, 0.3))
  age_band <- sample(0:5, n, replace = TRUE)        # 5-year bands from 40
  kl <- sample(1:4, n, replace = TRUE, prob = c(0.15, 0.4, 0.35, 0.1))
  marrow <- rbinom(n, 1, 0.6)                       # 1 = bone marrow, 0 = adipose
  lp <- 1.2 - 0.15 * age_band - 0.5 * (kl - 2) + 0.3 * marrow + ifelse(centre == "shiraz", -0.6, 0)
  data.frame(responder = rbinom(n, 1, plogis(lp)), age_band = age_band, kl = kl, marrow = marrow,
             centre = centre, stringsAsFactors = FALSE)
}

as_model <- function(r) data.frame(y = r$responder, age_band = r$age_band, kl = r$kl, marrow = r$marrow)

model_sets <- function() {
  inf <- infert
  list(
    infert = list(d = data.frame(y = inf$case, spontaneous = inf$spontaneous, induced = inf$induced, age = inf$age),
                  cov = c("spontaneous", "induced", "age")),
    mtcars = list(d = data.frame(y = mtcars$am, hp = mtcars$hp, wt = mtcars$wt), cov = c("hp", "wt")),
    registry = list(d = as_model(registry(3000, 20261203)), cov = c("age_band", "kl", "marrow")),
    small = list(d = as_model(registry(40, 7)), cov = c("age_band", "kl"))
  )
}

test_logistic <- function() {
  for (name in names(models)) {
    m <- models[[name]]
    d <- m$d
    path <- write_data(d, paste0("logistic_", name))
    fit <- glm(as.formula(paste("y ~", paste(m$cov, collapse = "+"))), family = binomial, data = d)
    s <- summary(fit)
    ours <- run("stats", "logistic", "--csv", path, "--outcome", "y", "--covariates", paste(m$cov, collapse = ","),
                "--fitted")
    co <- ours$coefficients
    tol <- 1e-6
    check(paste(name, "coef"), field(co, "coef"), coef(fit), tol)
    check(paste(name, "se"), field(co, "se"), s$coefficients[, "Std. Error"], tol)
    check(paste(name, "z"), field(co, "z"), s$coefficients[, "z value"], tol)
    check(paste(name, "p"), field(co, "p"), s$coefficients[, "Pr(>|z|)"], tol)
    ci <- exp(confint.default(fit))
    check(paste(name, "OR lower"), field(co, "lower"), ci[, 1], tol)
    check(paste(name, "OR upper"), field(co, "upper"), ci[, 2], tol)
    check(paste(name, "deviance"), ours$deviance, fit$deviance, tol)
    check(paste(name, "null deviance"), ours$null_deviance, fit$null.deviance, tol)
    check(paste(name, "AIC"), ours$aic, fit$aic, tol)
    check(paste(name, "df"), c(ours$df_residual, ours$df_null), c(fit$df.residual, fit$df.null), 0)
    check(paste(name, "iterations"), ours$iterations, fit$iter, 0)
    check(paste(name, "fitted"), unlist(ours$fitted), unname(fitted(fit)), tol)
  }
}

# Spiegelhalter's interpolated limits written out with R's own binomial and Poisson.
spiegelhalter <- function(p, q, cdf, scale) {
  r <- q(p)
  alpha <- (cdf(r) - p) / (cdf(r) - cdf(r - 1))
  (r - alpha) / scale
}
binomial_limit <- function(target, n, p)
  min(1, max(0, spiegelhalter(p, function(x) qbinom(x, n, target), function(r) pbinom(r, n, target), n)))
poisson_limit <- function(e, p) max(0, spiegelhalter(p, function(x) qpois(x, e), function(r) ppois(r, e), e))

test_funnel <- function() {
  for (target in c(0.05, 0.3, 0.62, 0.9)) {
    for (n in c(1, 4, 17, 60, 250, 4000)) {
      ours <- run("stats", "funnel", "--target", sprintf("%.17g", target), "--n", n)
      for (l in ours$limits) {
        tail <- (1 - l$level) / 2
        check(sprintf("binomial funnel %g n=%d level %g", target, n, l$level), c(l$lower, l$upper),
              c(binomial_limit(target, n, tail), binomial_limit(target, n, 1 - tail)), 1e-9)
      }
    }
  }
  for (e in c(0.2, 1, 3.7, 12.5, 80, 1500)) {
    ours <- run("stats", "funnel", "--expected", sprintf("%.17g", e))
    for (l in ours$limits) {
      tail <- (1 - l$level) / 2
      check(sprintf("ratio funnel E=%g level %g", e, l$level), c(l$lower, l$upper),
            c(poisson_limit(e, tail), poisson_limit(e, 1 - tail)), 1e-9)
    }
  }
}

test_standardise <- function() {
  d <- registry(3000, 20261203)
  path <- write_data(d, "standardise")
  fit <- glm(responder ~ age_band + kl + marrow, family = binomial, data = d)
  expected <- tapply(fitted(fit), d$centre, sum)
  observed <- tapply(d$responder, d$centre, sum)
  ours <- run("stats", "standardise", "--csv", path, "--unit", "centre", "--outcome", "responder",
              "--covariates", "age_band,kl,marrow")
  units <- ours$units
  labels <- field(units, "unit")
  check("standardise units", length(labels), length(expected), 0)
  check("standardise observed", field(units, "observed"), observed[labels], 0)
  check("standardise expected", field(units, "expected"), expected[labels], 1e-6)
  check("standardise ratio", field(units, "ratio"), (observed / expected)[labels], 1e-6)
  crude <- mean(d$responder)
  check("standardise adjusted rate", field(units, "adjusted_rate"), (observed / expected * crude)[labels], 1e-6)
  for (u in units) {
    e <- expected[[u$unit]]
    check(paste("standardise limits", u$unit), c(unlist(u$limits_95), unlist(u$limits_998)),
          c(poisson_limit(e, 0.025), poisson_limit(e, 0.975), poisson_limit(e, 0.001), poisson_limit(e, 0.999)), 1e-6)
  }
  # The simulated shortfall at Shiraz is what the comparison is for.
  shiraz <- units[[which(labels == "shiraz")]]
  check("standardise shiraz below", as.numeric(shiraz$verdict %in% c("below_inner", "below_outer")), 1, 0)
}

# Survival free of hip replacement: expected conversions from a Cox model of the case mix
# (predict type "expected", Efron ties), observed / expected per centre with Poisson limits.
test_survival <- function() {
  d <- registry(2000, 4242)
  set.seed(99)
  hazard <- 0.0004 * exp(0.25 * d$age_band + 0.45 * (d$kl - 2) - 0.2 * d$marrow +
                         ifelse(d$centre == "isfahan", 0.7, 0))
  convert <- ceiling(rexp(nrow(d), hazard))        # whole days: tied conversions
  follow <- ceiling(runif(nrow(d), 180, 3 * 365))
  d$days <- pmin(convert, follow)
  d$converted <- as.integer(convert <= follow)
  path <- write_data(d, "survival")
  fit <- coxph(Surv(days, converted) ~ age_band + kl + marrow, data = d, ties = "efron")
  expected_r <- predict(fit, type = "expected")
  ours <- run("stats", "cox", "--csv", path, "--time", "days", "--event", "converted",
              "--covariates", "age_band,kl,marrow", "--expected")
  check("cox expected events", unlist(ours$expected), unname(expected_r), 1e-9)
  check("cox expected sums to events", sum(unlist(ours$expected)), sum(d$converted), 1e-9)
  # lung, with its ties and two covariates.
  l <- na.omit(data.frame(time = lung$time, status = lung$status - 1, age = lung$age, sex = lung$sex))
  lpath <- write_data(l, "lung_expected")
  lfit <- coxph(Surv(time, status) ~ age + sex, data = l, ties = "efron")
  lours <- run("stats", "cox", "--csv", lpath, "--time", "time", "--event", "status", "--covariates", "age,sex",
               "--expected")
  check("lung expected events", unlist(lours$expected), unname(predict(lfit, type = "expected")), 1e-9)

  std <- run("stats", "standardise", "--csv", path, "--unit", "centre", "--outcome", "converted", "--time", "days",
             "--covariates", "age_band,kl,marrow")
  units <- std$units
  labels <- field(units, "unit")
  e <- tapply(expected_r, d$centre, sum)
  o <- tapply(d$converted, d$centre, sum)
  check("survival observed", field(units, "observed"), o[labels], 0)
  check("survival expected", field(units, "expected"), e[labels], 1e-9)
  check("survival ratio", field(units, "ratio"), (o / e)[labels], 1e-9)
  for (u in units) {
    check(paste("survival limits", u$unit), c(unlist(u$limits_95), unlist(u$limits_998)),
          c(poisson_limit(e[[u$unit]], 0.025), poisson_limit(e[[u$unit]], 0.975),
            poisson_limit(e[[u$unit]], 0.001), poisson_limit(e[[u$unit]], 0.999)), 1e-9)
  }
  isfahan <- units[[which(labels == "isfahan")]]
  check("survival isfahan above", as.numeric(isfahan$verdict %in% c("above_inner", "above_outer")), 1, 0)
}

cusum_in_r <- function(y, p, r, h) {
  s <- 0; values <- numeric(length(y)); signals <- integer(0)
  w <- y * log(r) - log(1 - p + r * p)
  for (t in seq_along(y)) {
    s <- max(0, s + w[t]); values[t] <- s
    if (s >= h) { signals <- c(signals, t); s <- 0 }
  }
  list(w = w, values = values, signals = signals)
}

test_cusum <- function() {
  set.seed(42)
  n <- 300
  risk <- plogis(rnorm(n, -1.5, 0.7))
  # Results as predicted for 200 patients, then with the odds of failure tripled.
  odds <- risk / (1 - risk) * c(rep(1, 200), rep(3, 100))
  y <- rbinom(n, 1, odds / (1 + odds))
  path <- write_data(data.frame(failure = y, risk = risk), "cusum")
  for (cfg in list(c(2, 4.5), c(1.5, 3), c(3, 2))) {
    ours <- run("stats", "cusum", "--csv", path, "--failure", "failure", "--risk", "risk",
                "--odds-ratio", cfg[1], "--threshold", cfg[2])
    ref <- cusum_in_r(y, risk, cfg[1], cfg[2])
    label <- sprintf("cusum R_A=%g h=%g", cfg[1], cfg[2])
    check(paste(label, "weights"), unlist(ours$weight), ref$w, 1e-9)
    check(paste(label, "values"), unlist(ours$value), ref$values, 1e-9)
    check(paste(label, "signals"), unlist(ours$signals), ref$signals, 0)
  }
}

models <- model_sets()
parts <- if (part == "all") c("logistic", "funnel", "standardise", "survival", "cusum") else part
for (p in parts) get(paste0("test_", p))()
cat(sprintf("%s: %d of %d comparisons with R agree (largest relative difference %.3g)\n",
            part, checks - failures, checks, worst))
if (failures > 0 || checks == 0) quit(status = 1)
