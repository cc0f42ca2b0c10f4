/**
 * A user's inference-only project: its specs, a service drawing with a generated generator, and an
 * HTTP server serving a trained run's generator the DJL way.
 */
package com.example.service;
