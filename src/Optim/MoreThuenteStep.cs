namespace Scratch.Optim;

// Problem: one step of the Moré–Thuente line search: given the interval of uncertainty with
// end points stx (best step so far, value fx, derivative dx) and sty (fy, dy) and the latest
// trial stp (fp, dp), choose the next trial step and update the interval.
// Approach (Moré & Thuente 1994, §4, the four cases of the "modified updating algorithm"):
//   case 1, fp > fx: the minimiser is bracketed; take the cubic step if it is closer to stx
//           than the quadratic (secant on fx, dx, fp) step, else their midpoint.
//   case 2, fp ≤ fx and dp·dx < 0 (derivatives of opposite sign): bracketed; take whichever of
//           the cubic and the secant step is farther from stp.
//   case 3, fp ≤ fx, same sign, |dp| < |dx|: the derivative decreases; the cubic step is used
//           only if it lies beyond stp in the right direction, else the relevant end of
//           [stmin, stmax]; safeguarded to stay within 66% of the way to sty once bracketed.
//   case 4, fp ≤ fx, same sign, |dp| ≥ |dx|: no decrease in |derivative|; cubic through stp
//           and sty when bracketed, else the end of [stmin, stmax] (extrapolation).
// Then the interval is updated: case 1 replaces sty; otherwise stp becomes stx, and sty takes
// the old stx when the derivatives had opposite signs (Moré & Thuente 1994, updating rules).
// The cubic minimiser is computed with scaling by s = max(|θ|, |dx|, |dp|) to avoid overflow.
// References:
//   [1] Moré & Thuente 1994, "Line search algorithms with guaranteed sufficient decrease",
//       ACM TOMS 20(3), §4.
//   [2] Nocedal & Wright 2006, Numerical Optimization, 2nd ed., (3.59) (cubic interpolation).

/// <summary>The safeguarded trial-step update of the Moré–Thuente line search ("dcstep").</summary>
internal static class MoreThuenteStep
{
    /// <summary>Updates the interval (stx, sty) and replaces <paramref name="stp"/> by the next trial step.</summary>
    public static void Update(ref double stx, ref double fx, ref double dx,
        ref double sty, ref double fy, ref double dy,
        ref double stp, double fp, double dp, ref bool bracketed, double stpmin, double stpmax)
    {
        double sgnd = dp * (dx / Math.Abs(dx));
        double stpf;
        if (fp > fx)
        {
            // Case 1: higher function value; the minimum is bracketed.
            double stpc = CubicMinimizer(stx, fx, dx, stp, fp, dp, clampRadicand: false);
            // Minimiser of the quadratic through fx, dx, fp.
            double stpq = stx + dx / ((fx - fp) / (stp - stx) + dx) / 2.0 * (stp - stx);
            stpf = Math.Abs(stpc - stx) < Math.Abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2.0;
            bracketed = true;
        }
        else if (sgnd < 0)
        {
            // Case 2: derivatives of opposite sign; the minimum is bracketed.
            double stpc = CubicMinimizer(stp, fp, dp, stx, fx, dx, clampRadicand: false);
            // Secant step on the derivatives.
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
            bracketed = true;
        }
        else if (Math.Abs(dp) < Math.Abs(dx))
        {
            // Case 3: lower value, same sign, derivative decreasing in magnitude.
            double stpc = Case3Cubic(stx, fx, dx, stp, fp, dp, stpmin, stpmax);
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            if (bracketed)
            {
                stpf = Math.Abs(stpc - stp) < Math.Abs(stpq - stp) ? stpc : stpq;
                // Safeguard: go at most 66% of the way to the other end.
                stpf = stp > stx ? Math.Min(stp + 0.66 * (sty - stp), stpf) : Math.Max(stp + 0.66 * (sty - stp), stpf);
            }
            else
            {
                stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = Math.Max(stpmin, Math.Min(stpmax, stpf));
            }
        }
        else
        {
            // Case 4: lower value, same sign, derivative not decreasing in magnitude.
            if (bracketed)
            {
                stpf = CubicMinimizer(stp, fp, dp, sty, fy, dy, clampRadicand: false);
            }
            else
            {
                stpf = stp > stx ? stpmax : stpmin;
            }
        }

        // Update the interval of uncertainty.
        if (fp > fx)
        {
            sty = stp;
            fy = fp;
            dy = dp;
        }
        else
        {
            if (sgnd < 0)
            {
                sty = stx;
                fy = fx;
                dy = dx;
            }
            stx = stp;
            fx = fp;
            dx = dp;
        }
        stp = stpf;
    }

    // Minimiser of the cubic interpolating (a, fa, da) and (b, fb, db), written from the side
    // of `b`: b + r(a − b) with r from the scaled formula; valid when the cubic has a minimum.
    private static double CubicMinimizer(double a, double fa, double da, double b, double fb, double db, bool clampRadicand)
    {
        // θ = 3(f_a − f_b)/(b − a) + d_a + d_b ;  γ = sign · sqrt(θ² − d_a d_b)
        double theta = 3.0 * (fa - fb) / (b - a) + da + db;
        double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(da), Math.Abs(db)));
        double radicand = (theta / s) * (theta / s) - (da / s) * (db / s);
        double gamma = s * Math.Sqrt(clampRadicand ? Math.Max(0.0, radicand) : radicand);
        if (b < a)
        {
            gamma = -gamma;
        }
        // a + (γ − d_a + θ)/(2γ − d_a + d_b) · (b − a)
        double p = (gamma - da) + theta;
        double q = ((gamma - da) + gamma) + db;
        return a + p / q * (b - a);
    }

    // Case 3 cubic: the cubic may have no minimiser beyond stp (γ = 0 or r ≥ 0); then the
    // step goes to the end of [stpmin, stpmax] in the direction of travel.
    private static double Case3Cubic(double stx, double fx, double dx, double stp, double fp, double dp, double stpmin, double stpmax)
    {
        double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
        double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(dx), Math.Abs(dp)));
        double gamma = s * Math.Sqrt(Math.Max(0.0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
        if (stp > stx)
        {
            gamma = -gamma;
        }
        double p = (gamma - dp) + theta;
        double q = (gamma + (dx - dp)) + gamma;
        double r = p / q;
        if (r < 0 && gamma != 0)
        {
            return stp + r * (stx - stp);
        }
        return stp > stx ? stpmax : stpmin;
    }
}
