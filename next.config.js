import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Lets several `next dev` servers (one per developer checkout area) run side by side in one
  // clone without sharing a build folder. Unset: the standard `.next`.
  distDir: process.env.PLAZA_NEXT_DIST_DIR || ".next",
  // `npm run check` (part of `npm test`) type-checks the whole tree; skipping the duplicate pass
  // here keeps `npm start` on a fresh clone fast.
  typescript: { ignoreBuildErrors: true },
  // Native/WASM and Node-only packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "postgres",
    "nodemailer",
    "snarkjs",
    "@zk-kit/semaphore-artifacts",
  ],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
