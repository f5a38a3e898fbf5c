//! The diesel schema, written by hand for both backends. `tests/api/schema.rs` checks it
//! against what each migration folder creates, so the two folders cannot drift apart.

diesel::table! {
    districts (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        boundary -> Nullable<Text>,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        token_version -> Integer,
        gender -> Nullable<Text>,
        birth_year -> Nullable<Integer>,
        district_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        email_verified -> Integer,
        language -> Text,
    }
}

diesel::table! {
    rounds (id) {
        id -> BigInt,
        slug -> Text,
        title -> Text,
        description -> Text,
        currency -> Text,
        total_budget -> BigInt,
        citywide_budget -> Nullable<BigInt>,
        ballot_type -> Text,
        min_choices -> Integer,
        max_choices -> Nullable<Integer>,
        points_total -> Nullable<Integer>,
        points_per_project -> Nullable<Integer>,
        rule -> Text,
        tie_break -> Text,
        time_zone -> Text,
        proposals_open_at -> Timestamp,
        review_at -> Timestamp,
        voting_open_at -> Timestamp,
        voting_close_at -> Timestamp,
        results_published_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        categories -> Text,
        min_age -> Nullable<Integer>,
        age_reference_date -> Nullable<Text>,
        residence -> Text,
        requires_census -> Integer,
        requires_manual_check -> Integer,
        voting_codes -> Integer,
        census_salt -> Text,
        revote_policy -> Text,
        account_voting -> Integer,
        requires_verified_email -> Integer,
    }
}

diesel::table! {
    round_districts (id) {
        id -> BigInt,
        round_id -> BigInt,
        district_id -> BigInt,
        budget -> BigInt,
    }
}

diesel::table! {
    proposals (id) {
        id -> BigInt,
        round_id -> BigInt,
        district_id -> Nullable<BigInt>,
        author_id -> Nullable<BigInt>,
        title -> Text,
        description -> Text,
        category -> Nullable<Text>,
        location -> Nullable<Text>,
        estimated_cost -> BigInt,
        validated_cost -> Nullable<BigInt>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
    }
}

diesel::table! {
    participations (id) {
        id -> BigInt,
        round_id -> BigInt,
        user_id -> Nullable<BigInt>,
        channel -> Text,
        token -> Text,
    }
}

diesel::table! {
    ballots (id) {
        id -> BigInt,
        round_id -> BigInt,
        district_id -> Nullable<BigInt>,
        seq -> BigInt,
        content -> Text,
        cast_day -> Text,
        tracking_hash -> Text,
        prev_hash -> Text,
        entry_hash -> Text,
        voter_tag -> Nullable<Text>,
        supersedes -> Nullable<BigInt>,
        salt -> Nullable<Text>,
        commitment -> Nullable<Text>,
        sealed -> Nullable<Binary>,
    }
}

diesel::table! {
    open_boards (round_id) {
        round_id -> BigInt,
    }
}

diesel::table! {
    round_results (round_id) {
        round_id -> BigInt,
        rule -> Text,
        tie_break -> Text,
        outcome -> Text,
        chain_head -> Text,
        ballot_count -> BigInt,
        computed_at -> Timestamp,
    }
}

diesel::table! {
    login_throttle (key) {
        key -> Text,
        failures -> Integer,
        last_failure_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        detail -> Text,
    }
}

diesel::table! {
    security_counters (day, name) {
        day -> Text,
        name -> Text,
        count -> BigInt,
    }
}

diesel::table! {
    round_changes (id) {
        id -> BigInt,
        round_id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        what -> Text,
        reason -> Text,
    }
}

diesel::table! {
    census_entries (id) {
        id -> BigInt,
        round_id -> BigInt,
        entry_hash -> Text,
        district_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    voting_codes (id) {
        id -> BigInt,
        round_id -> BigInt,
        code_hash -> Text,
        district_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        census_hash -> Nullable<Text>,
    }
}

diesel::table! {
    voter_checks (id) {
        id -> BigInt,
        round_id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        district_id -> Nullable<BigInt>,
        checked_by -> Nullable<BigInt>,
        census_hash -> Nullable<Text>,
        at -> Timestamp,
        document_hash -> Nullable<Text>,
    }
}

diesel::table! {
    paper_entries (id) {
        id -> BigInt,
        round_id -> BigInt,
        voter_id -> BigInt,
        content -> Text,
        entered_by -> BigInt,
        at -> Timestamp,
    }
}

diesel::table! {
    proposal_reviews (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        at -> Timestamp,
        reviewer_id -> Nullable<BigInt>,
        decision -> Text,
        validated_cost -> Nullable<BigInt>,
        reason -> Text,
    }
}

diesel::table! {
    imported_projects (proposal_id) {
        proposal_id -> BigInt,
        external_id -> Text,
    }
}

diesel::table! {
    feedback (id) {
        id -> BigInt,
        round_id -> BigInt,
        ease -> Nullable<Integer>,
        found -> Nullable<Text>,
        comment -> Text,
        day -> Text,
    }
}

diesel::table! {
    feedback_tokens (token_hash) {
        token_hash -> Text,
        round_id -> BigInt,
    }
}

diesel::table! {
    project_progress (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        status -> Text,
        percent -> Integer,
        note -> Text,
        on_date -> Text,
        recorded_at -> Timestamp,
        recorded_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    round_scoring (round_id) {
        round_id -> BigInt,
        positional -> Text,
    }
}

diesel::table! {
    round_statistics (round_id) {
        round_id -> BigInt,
        breakdowns -> Text,
    }
}

diesel::table! {
    text_translations (id) {
        id -> BigInt,
        round_id -> BigInt,
        proposal_id -> Nullable<BigInt>,
        lang -> Text,
        title -> Text,
        description -> Text,
        translated_at -> Timestamp,
        translator_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    round_proposal_rules (round_id) {
        round_id -> BigInt,
        max_per_author -> Integer,
        supports_enabled -> Integer,
        support_threshold -> Nullable<Integer>,
        comments -> Text,
        comment_min_account_days -> Integer,
        comment_requires_verified_email -> Integer,
    }
}

diesel::table! {
    comments (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        parent_id -> Nullable<BigInt>,
        author_id -> Nullable<BigInt>,
        body -> Text,
        official -> Nullable<Text>,
        created_at -> Timestamp,
        edited_at -> Nullable<Timestamp>,
        deleted_at -> Nullable<Timestamp>,
        hidden_at -> Nullable<Timestamp>,
        hidden_reason -> Nullable<Text>,
    }
}

diesel::table! {
    account_identities (id) {
        id -> BigInt,
        user_id -> BigInt,
        provider -> Text,
        issuer -> Text,
        subject -> Text,
        linked_at -> Timestamp,
        birth_year -> Nullable<Integer>,
        district_id -> Nullable<BigInt>,
        assured -> Integer,
        verified_at -> Timestamp,
    }
}

diesel::table! {
    oidc_logins (state_hash) {
        state_hash -> Text,
        provider -> Text,
        browser_hash -> Text,
        nonce -> Text,
        pkce_verifier -> Text,
        link_user_id -> Nullable<BigInt>,
        next_path -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    round_voter_rules (round_id) {
        round_id -> BigInt,
        requires_identity_provider -> Integer,
    }
}

diesel::table! {
    board_nodes (round_id, level, idx) {
        round_id -> BigInt,
        level -> Integer,
        idx -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    board_heads (round_id, tree_size) {
        round_id -> BigInt,
        tree_size -> BigInt,
        root_hash -> Text,
        signed_at -> Timestamp,
        signature -> Text,
    }
}

diesel::table! {
    named_places (id) {
        id -> BigInt,
        district_id -> Nullable<BigInt>,
        name -> Text,
        latitude -> Double,
        longitude -> Double,
    }
}

diesel::table! {
    comment_flags (id) {
        id -> BigInt,
        comment_id -> BigInt,
        user_id -> Nullable<BigInt>,
        reason -> Text,
        at -> Timestamp,
        settled -> Integer,
    }
}

diesel::table! {
    proposal_supports (proposal_id, user_id) {
        proposal_id -> BigInt,
        user_id -> BigInt,
        at -> Timestamp,
    }
}

diesel::table! {
    proposal_flags (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        user_id -> Nullable<BigInt>,
        reason -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    proposal_moderation (proposal_id) {
        proposal_id -> BigInt,
        hidden -> Integer,
        reason -> Text,
        at -> Timestamp,
        moderator_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    proposal_merges (from_id) {
        from_id -> BigInt,
        into_id -> BigInt,
        at -> Timestamp,
        reviewer_id -> Nullable<BigInt>,
        reason -> Text,
    }
}

diesel::table! {
    proposal_change_requests (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        at -> Timestamp,
        reviewer_id -> Nullable<BigInt>,
        reason -> Text,
        answered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    proposal_images (proposal_id) {
        proposal_id -> BigInt,
        content_type -> Text,
        bytes -> Binary,
        at -> Timestamp,
    }
}

diesel::table! {
    installation (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    revoked_sessions (sid) {
        sid -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        kind -> Text,
        recipient -> Text,
        lang -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    email_tokens (token_hash) {
        token_hash -> Text,
        user_id -> BigInt,
        purpose -> Text,
        expires_at -> Timestamp,
        used -> Integer,
    }
}

diesel::table! {
    notification_settings (user_id) {
        user_id -> BigInt,
        own_proposals -> Integer,
        followed -> Integer,
        round_news -> Integer,
        receipt_copy -> Integer,
    }
}

diesel::table! {
    proposal_follows (proposal_id, user_id) {
        proposal_id -> BigInt,
        user_id -> BigInt,
    }
}

diesel::table! {
    round_announcements (round_id, event) {
        round_id -> BigInt,
        event -> Text,
    }
}

diesel::joinable!(users -> districts (district_id));
diesel::joinable!(proposal_supports -> proposals (proposal_id));
diesel::joinable!(proposal_flags -> proposals (proposal_id));
diesel::joinable!(comments -> proposals (proposal_id));
diesel::joinable!(comment_flags -> comments (comment_id));
diesel::joinable!(proposal_moderation -> proposals (proposal_id));
diesel::joinable!(imported_projects -> proposals (proposal_id));
diesel::joinable!(project_progress -> proposals (proposal_id));
diesel::joinable!(feedback -> rounds (round_id));
diesel::joinable!(round_districts -> rounds (round_id));
diesel::joinable!(round_districts -> districts (district_id));
diesel::joinable!(proposals -> rounds (round_id));
diesel::joinable!(proposal_reviews -> proposals (proposal_id));
diesel::joinable!(proposals -> districts (district_id));
diesel::joinable!(participations -> rounds (round_id));
diesel::joinable!(ballots -> rounds (round_id));
diesel::joinable!(round_results -> rounds (round_id));
diesel::joinable!(open_boards -> rounds (round_id));
diesel::joinable!(audit_log -> users (actor_id));
diesel::joinable!(round_changes -> rounds (round_id));
diesel::joinable!(census_entries -> rounds (round_id));
diesel::joinable!(voting_codes -> rounds (round_id));
diesel::joinable!(voter_checks -> rounds (round_id));

diesel::allow_tables_to_appear_in_same_query!(
    account_identities,
    board_heads,
    board_nodes,
    districts,
    users,
    rounds,
    round_districts,
    proposals,
    participations,
    ballots,
    round_results,
    open_boards,
    login_throttle,
    audit_log,
    security_counters,
    round_changes,
    census_entries,
    voting_codes,
    voter_checks,
    paper_entries,
    proposal_reviews,
    imported_projects,
    feedback,
    feedback_tokens,
    project_progress,
    round_scoring,
    round_statistics,
    round_proposal_rules,
    text_translations,
    proposal_supports,
    proposal_flags,
    proposal_moderation,
    proposal_merges,
    proposal_change_requests,
    proposal_images,
    installation,
    revoked_sessions,
    outbox,
    email_tokens,
    notification_settings,
    proposal_follows,
    round_announcements,
    comments,
    comment_flags,
    named_places,
);
