/// The numeric tolerances of the formulation, in one place.
enum Tolerance {
    /// A point keeps the model when no row is violated by this much
    /// (`LinearModel.maxViolation(_:) < feasibility`): every search's point is
    /// checked against it before it is adopted.
    static let feasibility = 1e-6

    /// Level 5 (quality) accepts GLPK's point with this looser check. It is the
    /// tolerance of relief's first version, when GLPK's own values were checked;
    /// the levels' checks moved to recomputed points and `feasibility` (a99bbea),
    /// this one stayed. Kept as it was so that no schedule changes: a point whose
    /// violation falls between the two would be taken here and not at a level.
    static let qualityFeasibility = 1e-5

    /// A bound or an LP value within this of an integer is that integer (GLPK's
    /// bound of an integral objective rounded down, an LP column at 1 or at 0, a
    /// level's total against its held value). The same number as `feasibility`,
    /// a different question: not a row kept, but a value read as a whole number.
    static let integrality = 1e-6

    /// A week column enters the column master when its reduced cost is above this.
    static let pricing = 1e-6

    /// A value above this is positive, a difference above it a real one: an item's
    /// value in pricing, an LP column in use, a local search's gain, a quality score
    /// not below another. Far below any step a level or a score takes.
    static let positive = 1e-9

    /// Two pricing labels whose values are this close are equal (the Pareto filter).
    static let labelValue = 1e-12
}
