/* relief: respite visits and on-call shifts for one week, levels 1-4.

   The compact integer program of Sources/ReliefPlanning/Model/CompactModel.swift
   in GNU MathProg, with the same variable and constraint names. Write the data
   with `relief export CASE --dat CASE.dat`, then

       glpsol -m Models/relief.mod -d CASE.dat

   Eligibility (competencies, credentials, territory, exclusions, availability),
   the clique membership of no_overlap and the travel-conflict pairs are worked
   out by relief and arrive as sets: only eligible pairs get a variable. Every
   other rule is stated here from the case's numbers. See Models/README.md. */

/* ---------- The case ---------- */

set SITTERS;
set VISITS;
set SHIFTS;

/* Positions a visit needs (its `sitters`) and people a shift needs (`staff`). */
param need{VISITS} integer, >= 1;
param staff{SHIFTS} integer, >= 1;
param priority{VISITS} symbolic in {'urgent', 'high', 'normal'};
/* Real elapsed minutes; a visit counts on the local day it starts. */
param visit_minutes{VISITS} integer, >= 0;
param visit_day{VISITS} symbolic;
param shift_minutes{SHIFTS} integer, >= 0;

set TRAINEES within SITTERS;
/* people.md: volunteers, who never supervise a trainee (eligibility and caps are in the data). */
set VOLUNTEERS within SITTERS default {};
param max_day{SITTERS} integer, >= 0;
param max_week{SITTERS} integer, >= 0;
/* Sitters whose onCall.maxShifts is set, and that limit. */
set SHIFT_LIMITED within SITTERS;
param shift_limit{SHIFT_LIMITED} integer, >= 0;

/* ---------- What relief computes ---------- */

/* Eligible (sitter, visit) and (sitter, shift) pairs: the eligibility funnel. */
set ELIGIBLE_VISIT within SITTERS cross VISITS;
set ELIGIBLE_SHIFT within SITTERS cross SHIFTS;
/* Published assignments of locked visits: they stay. */
set LOCKED within ELIGIBLE_VISIT;
/* Cliques of a sitter's items that exclude each other, keyed (s, t) with t a
   start time in epoch seconds, unique per sitter: the visits and shifts that all
   cover one instant, grown with the visits the sitter cannot reach in time after
   (or leave in time before) every member; then cliques grown from the travel
   pairs none of those holds. A clique inside another is left out. */
set CLIQUES dimen 2;
set CLIQUE_VISITS{CLIQUES} within VISITS default {};
set CLIQUE_SHIFTS{CLIQUES} within SHIFTS default {};
/* (s, a, b): visits a then b that do not overlap, yet a.end + travel > b.start,
   and that no clique holds together. */
set TRAVEL_CONFLICTS within SITTERS cross VISITS cross VISITS;

set DAYS := setof{v in VISITS} visit_day[v];

/* ---------- Runs of touching on-call shifts (people.md; empty without maxConsecutiveShifts) ---------- */

/* Sitters with a run limit (onCall.maxConsecutiveShifts, else rules.maxConsecutiveShifts), and that limit. */
set RUN_LIMITED within SITTERS default {};
param run_limit{RUN_LIMITED} integer, >= 1;
/* (s, k): the k-th chain of run_limit[s] + 1 shifts s may take, each ending when
   the next starts (WeekRules.runWindows); its shifts. */
set RUN_WINDOWS dimen 2 default setof{s in SITTERS: 0 = 1} (s, 1);
set RUN_WINDOW_SHIFTS{RUN_WINDOWS} within SHIFTS default {};

/* ---------- Weekly rest (people.md; empty without weeklyRestMinutes) ---------- */

/* Employees whose weekly rest can bind (WeekRules.restBlocks): a free stretch of
   weeklyRestMinutes starts at the horizon's start or when one of their items ends;
   such a start p gives the block [p, p + rest), and the rest binds when every block
   inside the horizon overlaps an item the sitter may take. */
set RESTED within SITTERS default {};
/* (s, k): the k-th block kept for s (a block whose items include another's is
   dropped: choosing the other is never worse); the visits and shifts s may take
   that overlap it. No block at all for s: the horizon is shorter than the rest. */
set REST_BLOCKS dimen 2 default setof{s in SITTERS: 0 = 1} (s, 1);
set REST_BLOCK_VISITS{REST_BLOCKS} within VISITS default {};
set REST_BLOCK_SHIFTS{REST_BLOCKS} within SHIFTS default {};
/* The blocks of s. */
set BLOCKS_OF{s in RESTED} := setof{(t, k) in REST_BLOCKS: t = s} k;
/* (s, t): a no_overlap clique of a rested sitter with blocks that all its members
   overlap; those blocks. The visits and shifts whose own row such a clique's row
   implies (their blocks are exactly the clique's) get none. */
set REST_CLIQUES within CLIQUES default setof{(s, t) in CLIQUES: 0 = 1} (s, t);
set REST_CLIQUE_BLOCKS{REST_CLIQUES} default {};
set REST_IMPLIED_VISITS within ELIGIBLE_VISIT default setof{(s, v) in ELIGIBLE_VISIT: 0 = 1} (s, v);
set REST_IMPLIED_SHIFTS within ELIGIBLE_SHIFT default setof{(s, o) in ELIGIBLE_SHIFT: 0 = 1} (s, o);

/* ---------- Programs and budgets (weeks.md; empty without programs) ---------- */

/* (v, f, p): visit v of family f is billed to program p (Case.billedProgram). */
set BILLED dimen 3 default setof{v in VISITS: 0 = 1} (v, v, v);
/* Programs with budgetMinutes, and with familyMinutesPerWeek. */
set BUDGETED default {};
param budget_minutes{BUDGETED} integer, >= 0;
set CAPPED default {};
param family_cap{CAPPED} integer, >= 0;
/* (f, p): a family with visits billed to a capped program, by its first such visit. */
set FAMILY_PROGRAMS := setof{(v, f, p) in BILLED: p in CAPPED} (f, p);

check{(s, t) in CLIQUES}: s in SITTERS;
check{(s, t) in CLIQUES, v in CLIQUE_VISITS[s, t]}: (s, v) in ELIGIBLE_VISIT;
check{(s, t) in CLIQUES, o in CLIQUE_SHIFTS[s, t]}: (s, o) in ELIGIBLE_SHIFT;
check{(s, a, b) in TRAVEL_CONFLICTS}: (s, a) in ELIGIBLE_VISIT and (s, b) in ELIGIBLE_VISIT;
check{(s, k) in RUN_WINDOWS}: s in RUN_LIMITED and card(RUN_WINDOW_SHIFTS[s, k]) = run_limit[s] + 1;
check{(s, k) in RUN_WINDOWS, o in RUN_WINDOW_SHIFTS[s, k]}: (s, o) in ELIGIBLE_SHIFT;
check{(s, k) in REST_BLOCKS}: s in RESTED;
check{(s, k) in REST_BLOCKS, v in REST_BLOCK_VISITS[s, k]}: (s, v) in ELIGIBLE_VISIT;
check{(s, k) in REST_BLOCKS, o in REST_BLOCK_SHIFTS[s, k]}: (s, o) in ELIGIBLE_SHIFT;
check{(s, t) in REST_CLIQUES, k in REST_CLIQUE_BLOCKS[s, t]}: (s, k) in REST_BLOCKS;

/* ---------- Variables ---------- */

/* x[s,v] = 1: sitter s works visit v. */
var x{(s, v) in ELIGIBLE_VISIT} binary, >= (if (s, v) in LOCKED then 1 else 0);
/* y[s,o] = 1: sitter s is on call for shift o. */
var y{ELIGIBLE_SHIFT} binary;
/* rest_at[s,k] = 1: sitter s takes the weekly rest of block k. */
var rest_at{REST_BLOCKS} binary;
/* Empty positions: the named slacks that keep every solve feasible. */
var unfilled{v in VISITS} >= 0, <= need[v];
var unstaffed{o in SHIFTS} >= 0, <= staff[o];

/* ---------- Hard rules ---------- */

/* cover_visit[v]: assigned sitters + unfilled = sitters needed. */
s.t. cover_visit{v in VISITS}:
    sum{s in SITTERS: (s, v) in ELIGIBLE_VISIT} x[s, v] + unfilled[v] = need[v];

/* staff_shift[o]: on-call people + unstaffed = staff. */
s.t. staff_shift{o in SHIFTS}:
    sum{s in SITTERS: (s, o) in ELIGIBLE_SHIFT} y[s, o] + unstaffed[o] = staff[o];

/* no_overlap[s,t]: at most one of the clique's items. */
s.t. no_overlap{(s, t) in CLIQUES}:
    sum{v in CLIQUE_VISITS[s, t]} x[s, v] + sum{o in CLIQUE_SHIFTS[s, t]} y[s, o] <= 1;

/* travel[s,a,b]: two visits the sitter cannot both reach in time (outside every clique). */
s.t. travel{(s, a, b) in TRAVEL_CONFLICTS}: x[s, a] + x[s, b] <= 1;

/* day_minutes[s,d]: visit minutes per local day, for days that could go over. */
s.t. day_minutes{s in SITTERS, d in DAYS:
        sum{v in VISITS: (s, v) in ELIGIBLE_VISIT and visit_day[v] = d} visit_minutes[v] > max_day[s]}:
    sum{v in VISITS: (s, v) in ELIGIBLE_VISIT and visit_day[v] = d} visit_minutes[v] * x[s, v] <= max_day[s];

/* week_minutes[s]: visit minutes in the horizon, for sitters who could go over. */
s.t. week_minutes{s in SITTERS:
        sum{v in VISITS: (s, v) in ELIGIBLE_VISIT} visit_minutes[v] > max_week[s]}:
    sum{v in VISITS: (s, v) in ELIGIBLE_VISIT} visit_minutes[v] * x[s, v] <= max_week[s];

/* max_shifts[s]: on-call shifts within onCall.maxShifts. */
s.t. max_shifts{s in SHIFT_LIMITED: card({o in SHIFTS: (s, o) in ELIGIBLE_SHIFT}) > shift_limit[s]}:
    sum{o in SHIFTS: (s, o) in ELIGIBLE_SHIFT} y[s, o] <= shift_limit[s];

/* trainee[t,v]: a trainee on a visit only with an employee who is not a trainee on it too. */
s.t. trainee{(t, v) in ELIGIBLE_VISIT: t in TRAINEES}:
    x[t, v] <= sum{m in SITTERS diff TRAINEES diff VOLUNTEERS: (m, v) in ELIGIBLE_VISIT} x[m, v];

/* budget[p]: served minutes (minutes per sitter assigned) of the visits billed
   to p within its budget, for programs that could go over. */
s.t. budget{p in BUDGETED:
        sum{(v, f, q) in BILLED, s in SITTERS: q = p and (s, v) in ELIGIBLE_VISIT} visit_minutes[v]
        > budget_minutes[p]}:
    sum{(v, f, q) in BILLED, s in SITTERS: q = p and (s, v) in ELIGIBLE_VISIT} visit_minutes[v] * x[s, v]
    <= budget_minutes[p];

/* family_budget[f,p]: served minutes of family f's visits billed to p within the
   program's weekly cap per family, for families that could go over. */
s.t. family_budget{(f, p) in FAMILY_PROGRAMS:
        sum{(v, g, q) in BILLED, s in SITTERS: g = f and q = p and (s, v) in ELIGIBLE_VISIT} visit_minutes[v]
        > family_cap[p]}:
    sum{(v, g, q) in BILLED, s in SITTERS: g = f and q = p and (s, v) in ELIGIBLE_VISIT} visit_minutes[v] * x[s, v]
    <= family_cap[p];

/* max_run[s,k]: at most run_limit[s] of a chain of run_limit[s] + 1 touching shifts. */
s.t. max_run{(s, k) in RUN_WINDOWS}: sum{o in RUN_WINDOW_SHIFTS[s, k]} y[s, o] <= run_limit[s];

/* rest_block[s]: one weekly rest block for every sitter who has one to choose. */
s.t. rest_block{s in RESTED: card(BLOCKS_OF[s]) > 0}: sum{k in BLOCKS_OF[s]} rest_at[s, k] = 1;

/* rest_clique[s,t]: at most one of a clique's items, and none when a block all of
   them overlap is chosen. */
s.t. rest_clique{(s, t) in REST_CLIQUES}:
    sum{v in CLIQUE_VISITS[s, t]} x[s, v] + sum{o in CLIQUE_SHIFTS[s, t]} y[s, o]
    + sum{k in REST_CLIQUE_BLOCKS[s, t]} rest_at[s, k] <= 1;

/* rest_visit[s,v], rest_shift[s,o]: an item and the chosen block never overlap
   (with no block to choose, the sitter takes none of the items). */
s.t. rest_visit{(s, v) in ELIGIBLE_VISIT: s in RESTED and (s, v) not in REST_IMPLIED_VISITS
        and (card(BLOCKS_OF[s]) = 0 or card({k in BLOCKS_OF[s]: v in REST_BLOCK_VISITS[s, k]}) > 0)}:
    x[s, v] + sum{k in BLOCKS_OF[s]: v in REST_BLOCK_VISITS[s, k]} rest_at[s, k]
    <= (if card(BLOCKS_OF[s]) = 0 then 0 else 1);
s.t. rest_shift{(s, o) in ELIGIBLE_SHIFT: s in RESTED and (s, o) not in REST_IMPLIED_SHIFTS
        and (card(BLOCKS_OF[s]) = 0 or card({k in BLOCKS_OF[s]: o in REST_BLOCK_SHIFTS[s, k]}) > 0)}:
    y[s, o] + sum{k in BLOCKS_OF[s]: o in REST_BLOCK_SHIFTS[s, k]} rest_at[s, k]
    <= (if card(BLOCKS_OF[s]) = 0 then 0 else 1);

/* ---------- Levels 1-4 in one objective ---------- */

/* relief solves the levels one after the other. MathProg solves once, so the
   levels become one objective with exact integer weights: each weight exceeds
   the most that all lower levels together can add (N, H, U: all the normal,
   high and urgent positions of the case). Fine for small cases; large ones
   outgrow GLPK's tolerances, which is why relief stages its solves. */
param N := sum{v in VISITS: priority[v] = 'normal'} need[v];
param H := sum{v in VISITS: priority[v] = 'high'} need[v];
param U := sum{v in VISITS: priority[v] = 'urgent'} need[v];
param weight_normal := 1;
param weight_high := N + 1;
param weight_urgent := (H + 1) * (N + 1);
param weight_on_call_minute := (U + 1) * (H + 1) * (N + 1);

/* GLPK prunes a branch unless it promises more than 1e-7 * (1 + |incumbent|)
   (tol_obj): one normal slot, a gain of 1, stays visible only while the
   objective stays under 10^7. Larger cases are refused here rather than
   solved to a wrong optimum; relief plan handles them. */
param most_objective := weight_on_call_minute * sum{o in SHIFTS} shift_minutes[o] * staff[o]
    + weight_urgent * U + weight_high * H + weight_normal * N;
check: 1e-7 * (1 + most_objective) < 1;

maximize levels:
      weight_on_call_minute * sum{(s, o) in ELIGIBLE_SHIFT} shift_minutes[o] * y[s, o]
    + weight_urgent * sum{(s, v) in ELIGIBLE_VISIT: priority[v] = 'urgent'} x[s, v]
    + weight_high * sum{(s, v) in ELIGIBLE_VISIT: priority[v] = 'high'} x[s, v]
    + weight_normal * sum{(s, v) in ELIGIBLE_VISIT: priority[v] = 'normal'} x[s, v];

solve;

/* ---------- Report ---------- */

printf "LEVELS onCallMinutes=%d urgentSlots=%d highSlots=%d normalSlots=%d\n",
    round(sum{(s, o) in ELIGIBLE_SHIFT} shift_minutes[o] * y[s, o]),
    round(sum{(s, v) in ELIGIBLE_VISIT: priority[v] = 'urgent'} x[s, v]),
    round(sum{(s, v) in ELIGIBLE_VISIT: priority[v] = 'high'} x[s, v]),
    round(sum{(s, v) in ELIGIBLE_VISIT: priority[v] = 'normal'} x[s, v]);
printf{(s, v) in ELIGIBLE_VISIT: x[s, v] > 0.5} "ASSIGN visit=%s sitter=%s\n", v, s;
printf{(s, o) in ELIGIBLE_SHIFT: y[s, o] > 0.5} "ONCALL shift=%s sitter=%s\n", o, s;

end;
