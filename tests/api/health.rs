both_backends! {
    async fn health_and_readiness(app) {
        let live = app.get("/healthz").await;
        assert_eq!(live.status(), 200);
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status(), 200);
        assert_eq!(ready.text().await.unwrap(), "ready");
    }

    async fn every_response_has_security_headers_and_a_request_id(app) {
        let res = app.get("/").await;
        let h = res.headers();
        assert!(h["content-security-policy"].to_str().unwrap().contains("default-src 'self'"));
        assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "same-origin");
        assert_eq!(h["x-request-id"].len(), 32);
    }
}
